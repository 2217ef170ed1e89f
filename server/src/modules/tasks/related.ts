import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Transaction } from "../../platform/db/client.ts";
import { AppError, invalidReference, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { contactResource } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import type { relatedTypes } from "./schema.ts";
import { tasks } from "./table.ts";

export type RelatedType = (typeof relatedTypes)[number];

interface RelatedRecordType {
  /** Fails with not_found or forbidden when the record does not exist or the caller may not see it. */
  get: (tx: Transaction, actor: Actor, id: string) => Promise<unknown>;
  table: PgTable & { id: AnyColumn; name: AnyColumn };
}

/** The record types a task may be about: how to check one, and where its name is. One entry per type. */
const relatedRecordTypes: Record<RelatedType, RelatedRecordType> = {
  customer: { get: (tx, actor, id) => customerResource.get(tx, actor, id), table: customers },
  contact: { get: (tx, actor, id) => contactResource.get(tx, actor, id), table: contacts },
};

/** The name of the record a task is about, as a column of a task query. */
export function relatedNameColumn(): SQL<string | null> {
  const cases = Object.entries(relatedRecordTypes).map(
    ([type, { table }]) =>
      sql`when ${type} then (select ${table.name} from ${table} where ${table.id} = ${tasks.relatedId})`,
  );
  return sql<string | null>`(case ${tasks.relatedType} ${sql.join(cases, sql` `)} end)`;
}

export async function checkRelatedRecord(
  tx: Transaction,
  actor: Actor,
  type: RelatedType | null,
  id: string | null,
): Promise<void> {
  if (type === null && id === null) return;
  if (type === null) throw validationFailed("relatedType", "is required with relatedId");
  if (id === null) throw validationFailed("relatedId", "is required with relatedType");
  try {
    await relatedRecordTypes[type].get(tx, actor, id);
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) {
      throw invalidReference("relatedId", `is not a ${type} you can see`);
    }
    throw error;
  }
}
