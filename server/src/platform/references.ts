import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Transaction } from "./db/client.ts";
import { newId } from "./db/columns.ts";
import type { Actor } from "./permissions.ts";

/**
 * Who points at whom. A module whose table refers to a record of another type (follow-ups and
 * contacts to customers, tasks to anything, later deals to customers) registers the reference
 * here, so merging duplicates moves every related record to the survivor without the merge
 * code knowing the modules.
 */
export type Reference = {
  /** The record type pointed at: "customer", "contact", … */
  target: string;
  /** A short name for results and messages, e.g. "followUps". */
  name: string;
  /** Repoints the references from the merged records to the survivor; answers how many rows moved. */
  move(tx: Transaction, actor: Actor, fromIds: string[], toId: string): Promise<number>;
};

const references: Reference[] = [];

export function registerReference(reference: Reference): void {
  if (!references.some((r) => r.target === reference.target && r.name === reference.name)) references.push(reference);
}

/** Moves every reference to the merged records onto the survivor; counts by reference name. */
export async function moveReferences(
  tx: Transaction,
  actor: Actor,
  target: string,
  fromIds: string[],
  toId: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const reference of references.filter((r) => r.target === target)) {
    moved[reference.name] = await reference.move(tx, actor, fromIds, toId);
  }
  return moved;
}

type ReferringTable = PgTable & { id: AnyColumn; organizationId: AnyColumn };

/**
 * The usual reference: a uuid column (or, with `many`, a uuid[] column) of a versioned record
 * table. Moved rows get a new version, so an edit made from a stale copy answers 409, and an
 * audit entry each, written in one statement whatever their number.
 */
export function columnReference(opts: {
  target: string;
  name: string;
  /** The audit entity type of the referring rows. */
  entityType: string;
  table: ReferringTable;
  column: AnyColumn;
  many?: boolean;
  /** A further condition, e.g. that a polymorphic reference is of the target's type. */
  where?: SQL;
  /** Runs before the rows move, e.g. to keep a one-per-target rule. */
  beforeMove?: (tx: Transaction, actor: Actor, fromIds: string[], toId: string) => Promise<void>;
}): Reference {
  const { table, column } = opts;
  const field = column.name;
  const ids = (list: string[]) =>
    sql`array[${sql.join(
      list.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]`;
  return {
    target: opts.target,
    name: opts.name,
    async move(tx, actor, fromIds, toId) {
      await opts.beforeMove?.(tx, actor, fromIds, toId);
      const from = ids(fromIds);
      const matches = opts.many ? sql`${column} && ${from}` : sql`${column} = any(${from})`;
      // uuid[]: without the merged ids, with the survivor once.
      const next = opts.many
        ? sql`(select array_agg(distinct x) from unnest(array_append(${column}, ${toId}::uuid)) as x where x <> all(${from}))`
        : sql`${toId}::uuid`;
      const rows = await queryRows<{ id: string; before: unknown; after: unknown }>(
        tx,
        sql`with moving as (
            select ${table.id} as id, ${column} as before from ${table}
            where ${table.organizationId} = ${actor.organizationId} and ${matches} ${opts.where ? sql`and ${opts.where}` : sql``}
            for update
          )
          update ${table} set ${sql.identifier(field)} = ${next}, version = version + 1, updated_at = now()
          from moving where ${table.id} = moving.id
          returning moving.id as id, moving.before as before, ${column} as after`,
      );
      if (rows.length === 0) return 0;
      const entries = rows.map((row) => ({
        id: newId(),
        entityId: row.id,
        changes: [{ field: camel(field), from: row.before, to: row.after }],
      }));
      await tx.execute(sql`insert into audit_log (id, organization_id, entity_type, entity_id, action, actor_id, changes)
        select (e->>'id')::uuid, ${actor.organizationId}, ${opts.entityType}, (e->>'entityId')::uuid, 'update', ${actor.userId}, e->'changes'
        from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) as e`);
      return rows.length;
    },
  };
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
