import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Transaction } from "./db/client.ts";
import { newId } from "./db/columns.ts";
import type { Actor } from "./permissions.ts";

/**
 * Who points at whom. A module whose table refers to a record of another type (follow-ups and
 * contacts to customers, tasks to anything, later deals to customers) registers the reference
 * here, so merging duplicates moves every related record to the survivor, and deleting a record
 * for good leaves nothing pointing at it, without the merge or purge code knowing the modules.
 */
export type Reference = {
  /** The record type pointed at: "customer", "contact", … */
  target: string;
  /** A short name for results and messages, e.g. "followUps". */
  name: string;
  /** Repoints the references from the merged records to the survivor; answers how many rows moved. */
  move(tx: Transaction, actor: Actor, fromIds: string[], toId: string): Promise<number>;
  /**
   * Lets go of records deleted for good: unlinks or drops the rows pointing at them. Not needed
   * where a foreign key already does it (ON DELETE SET NULL or CASCADE).
   */
  release?(tx: Transaction, by: Doer, ids: string[]): Promise<number>;
  /** Which of these records rows point at (in the trash or not), e.g. before an undo deletes records. */
  referenced?(tx: Transaction, organizationId: string, ids: string[]): Promise<string[]>;
};

/** Who deletes: the organization and the user, for the audit entries of the rows let go. */
export type Doer = Pick<Actor, "organizationId" | "userId">;

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

/** Before records of the target type are deleted for good: every reference lets go of them. */
export async function releaseReferences(tx: Transaction, by: Doer, target: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const reference of references) {
    if (reference.target === target) await reference.release?.(tx, by, ids);
  }
}

/**
 * Which of the records of the target type something points at: id -> the names of the references
 * (e.g. "followUps", "tasks"). Only references that can tell (`referenced`) are asked.
 */
export async function referencedIds(
  tx: Transaction,
  organizationId: string,
  target: string,
  ids: string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (ids.length === 0) return found;
  for (const reference of references) {
    if (reference.target !== target || !reference.referenced) continue;
    for (const id of await reference.referenced(tx, organizationId, ids))
      found.set(id, [...(found.get(id) ?? []), reference.name]);
  }
  return found;
}

/** A uuid[] as one parameter, however many ids (an import undone may delete 100,000 records). */
export const uuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

type ReferringTable = PgTable & { id: AnyColumn; organizationId: AnyColumn };

/**
 * The usual reference: a uuid column (or, with `many`, a uuid[] column) of a versioned record
 * table. Moved rows get a new version, so an edit made from a stale copy answers 409, and an
 * audit entry each, written in one statement whatever their number. A record deleted for good is
 * taken out of the column (set to null, or removed from the array) the same way.
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
  /**
   * When the record pointed at is deleted for good, take it out of the column (set null, or out of
   * the array), clearing `clearWith` too (e.g. a polymorphic type). Left out where a foreign key
   * does the work.
   */
  unlinkOnPurge?: { clearWith?: AnyColumn[] };
  /** Runs before the rows move, e.g. to keep a one-per-target rule. */
  beforeMove?: (tx: Transaction, actor: Actor, fromIds: string[], toId: string) => Promise<void>;
}): Reference {
  const { table, column } = opts;
  const field = column.name;

  /** Sets the column of the rows pointing at `fromIds` to `next`, with a version and an audit entry each. */
  async function rewrite(tx: Transaction, by: Doer, fromIds: string[], next: SQL, alsoSet: SQL = sql``) {
    const from = uuidArray(fromIds);
    const matches = opts.many ? sql`${column} && ${from}` : sql`${column} = any(${from})`;
    const rows = await queryRows<{ id: string; before: unknown; after: unknown }>(
      tx,
      sql`with moving as (
          select ${table.id} as id, ${column} as before from ${table}
          where ${table.organizationId} = ${by.organizationId} and ${matches} ${opts.where ? sql`and ${opts.where}` : sql``}
          for update
        )
        update ${table} set ${sql.identifier(field)} = ${next}${alsoSet}, version = version + 1, updated_at = now()
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
      select (e->>'id')::uuid, ${by.organizationId}, ${opts.entityType}, (e->>'entityId')::uuid, 'update', ${by.userId}, e->'changes'
      from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) as e`);
    return rows.length;
  }

  // uuid[]: without the given ids, with `add` once (or null when nothing is left).
  const arrayWithout = (without: string[], add?: string) =>
    sql`(select array_agg(distinct x) from unnest(${add ? sql`array_append(${column}, ${add}::uuid)` : column}) as x
         where x <> all(${uuidArray(without)}))`;

  return {
    target: opts.target,
    name: opts.name,
    async move(tx, actor, fromIds, toId) {
      await opts.beforeMove?.(tx, actor, fromIds, toId);
      return rewrite(tx, actor, fromIds, opts.many ? arrayWithout(fromIds, toId) : sql`${toId}::uuid`);
    },
    release: opts.unlinkOnPurge && unlink(opts.unlinkOnPurge.clearWith ?? []),
    async referenced(tx, organizationId, ids) {
      const wanted = uuidArray(ids);
      const pointedAt = opts.many ? sql`unnest(${column})` : column;
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`select distinct x.id from (select ${pointedAt} as id from ${table}
              where ${table.organizationId} = ${organizationId} and ${opts.many ? sql`${column} && ${wanted}` : sql`${column} = any(${wanted})`}
              ${opts.where ? sql`and ${opts.where}` : sql``}) x
            where x.id = any(${wanted})`,
      );
      return rows.map((r) => r.id);
    },
  };

  function unlink(clearWith: AnyColumn[]): Reference["release"] {
    return (tx, by, deletedIds) => {
      if (opts.many) return rewrite(tx, by, deletedIds, sql`coalesce(${arrayWithout(deletedIds)}, '{}')`);
      const alsoSet = sql.join(
        clearWith.map((c) => sql`, ${sql.identifier(c.name)} = null`),
        sql``,
      );
      return rewrite(tx, by, deletedIds, sql`null`, alsoSet);
    };
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
