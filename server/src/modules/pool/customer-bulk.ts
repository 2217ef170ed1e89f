import type { Database, Transaction } from "../../platform/db/client.ts";
import { validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { OnProgress } from "../../platform/progress-stream.ts";
import { customerFilterConditions, customerResource, requireKnownCustomerFilters } from "../customers/service.ts";
import { type GivenCustomer, notifyCustomersGiven } from "../notifications/assigned.ts";
import { applyToEach, type BulkTarget, selectIds } from "./bulk.ts";
import { releaseCustomer, transferCustomer } from "./ownership.ts";
import type { CustomerBulk } from "./schema.ts";

/** Customers as bulk actions and their count select them: the list's filters, option values checked. */
export const customerBulkTarget: BulkTarget<NonNullable<CustomerBulk["filter"]>> = {
  resource: customerResource,
  conditions: async (db, actor, filters) => {
    await requireKnownCustomerFilters(db, actor, filters);
    return customerFilterConditions(filters);
  },
};

function required<T>(value: T | undefined, field: string, action: string): T {
  if (value === undefined) throw validationFailed(field, `is required for ${action}`);
  return value;
}

/**
 * One bulk action on customers, by the same rules as one by one: tags through the resource's update
 * (version, options, audit), delete through its trash, owners through transfer and release. Records
 * already as asked (tag present, owner already the target, already in the pool) are left alone.
 */
export async function customerBulk(
  tx: Transaction,
  actor: Actor,
  input: CustomerBulk,
  onProgress?: OnProgress,
): Promise<number> {
  const ids = await selectIds(tx, actor, customerBulkTarget, { ids: input.ids, filter: input.filter });
  // A transaction serves as the database for the resource's own (nested) transactions: savepoints.
  const db = tx as unknown as Database;
  switch (input.action) {
    case "addTag":
    case "removeTag": {
      const tag = required(input.tag, "tag", input.action);
      return applyToEach(
        ids,
        async (id) => {
          const row = await customerResource.get(tx, actor, id);
          const tags = input.action === "addTag" ? [...new Set([...row.tags, tag])] : row.tags.filter((t) => t !== tag);
          if (tags.length !== row.tags.length)
            await customerResource.update(db, actor, id, { version: row.version, tags });
        },
        onProgress,
      );
    }
    case "transfer": {
      const ownerId = required(input.ownerId, "ownerId", "transfer");
      const reason = required(input.reason, "reason", "transfer");
      const given: GivenCustomer[] = [];
      const done = await applyToEach(
        ids,
        async (id) => {
          const row = await customerResource.get(tx, actor, id);
          if (row.ownerId !== ownerId)
            given.push(await transferCustomer(tx, actor, id, { ownerId, reason }, { quiet: true }));
        },
        onProgress,
      );
      // One notice for the lot ("transferred 37 customers to you"), in the same transaction.
      await notifyCustomersGiven(tx, actor, ownerId, given, reason);
      return done;
    }
    case "release": {
      const reason = required(input.reason, "reason", "release");
      return applyToEach(
        ids,
        async (id) => {
          const row = await customerResource.get(tx, actor, id);
          if (row.ownerId !== null) await releaseCustomer(tx, actor, id, { reason });
        },
        onProgress,
      );
    }
    case "delete":
      return applyToEach(ids, (id) => customerResource.trash(db, actor, id).then(() => undefined), onProgress);
  }
}
