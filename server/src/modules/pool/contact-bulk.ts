import type { Database, Transaction } from "../../platform/db/client.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { OnProgress } from "../../platform/progress-stream.ts";
import { contactFilterConditions, contactResource } from "../contacts/service.ts";
import { applyToEach, type BulkTarget, selectIds } from "./bulk.ts";
import type { ContactBulk } from "./schema.ts";

/** Contacts as bulk actions and their count select them: the list's filters. */
export const contactBulkTarget: BulkTarget<NonNullable<ContactBulk["filter"]>> = {
  resource: contactResource,
  conditions: async (_db, _actor, filters) => contactFilterConditions(filters),
};

/** Moves the selected contacts (or all that match) to the trash, all or nothing. */
export async function contactBulk(
  tx: Transaction,
  actor: Actor,
  input: ContactBulk,
  onProgress?: OnProgress,
): Promise<number> {
  const ids = await selectIds(tx, actor, contactBulkTarget, { ids: input.ids, filter: input.filter });
  // A transaction serves as the database for the resource's own (nested) transactions: savepoints.
  const trash = (id: string) => contactResource.trash(tx as unknown as Database, actor, id).then(() => undefined);
  return applyToEach(ids, trash, onProgress);
}
