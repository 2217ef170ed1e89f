import { and, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "../../platform/db/client.ts";
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
  /** The condition a record meets when the caller may see it. */
  visible: (actor: Actor) => SQL | undefined;
  table: PgTable & { id: PgColumn; name: PgColumn };
}

/** The record types a task may be about: how to check one, and where its name is. One entry per type. */
const relatedRecordTypes: Record<RelatedType, RelatedRecordType> = {
  customer: {
    get: (tx, actor, id) => customerResource.get(tx, actor, id),
    visible: (actor) => customerResource.visibleCondition(actor),
    table: customers,
  },
  contact: {
    get: (tx, actor, id) => contactResource.get(tx, actor, id),
    visible: (actor) => contactResource.visibleCondition(actor),
    table: contacts,
  },
};

/** The name of the record a task is about, as a column of a task query. */
export function relatedNameColumn(): SQL<string | null> {
  const cases = Object.entries(relatedRecordTypes).map(
    ([type, { table }]) =>
      sql`when ${type} then (select ${table.name} from ${table} where ${table.id} = ${tasks.relatedId})`,
  );
  return sql<string | null>`(case ${tasks.relatedType} ${sql.join(cases, sql` `)} end)`;
}

/**
 * Hides the name of a record the caller may not see. A task stays in view of whoever created it, and
 * its assignee may point it at a customer of their own that the creator has no access to.
 */
export async function hideUnseenRelatedNames<
  Row extends { relatedType: string | null; relatedId: string | null; relatedName: string | null },
>(db: Executor, actor: Actor, rows: Row[]): Promise<Row[]> {
  const seen = new Set<string>();
  for (const [type, { table, visible }] of Object.entries(relatedRecordTypes)) {
    const ids = rows.flatMap((r) =>
      r.relatedType === type && r.relatedId && r.relatedName !== null ? [r.relatedId] : [],
    );
    if (ids.length === 0) continue;
    const found = await db
      .select({ id: table.id })
      .from(table)
      .where(and(inArray(table.id, ids), visible(actor)));
    for (const { id } of found) seen.add(id as string);
  }
  return rows.map((r) => (r.relatedName !== null && !seen.has(r.relatedId ?? "") ? { ...r, relatedName: null } : r));
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
