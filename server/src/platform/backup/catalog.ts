import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client.ts";

/** What backup and restore need to know about a table, read from the database's own catalog. */
export type TableInfo = {
  name: string;
  /** Columns an INSERT may set: generated columns are computed by the database, never restored. */
  insertableColumns: string[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
};
export type ForeignKey = { columns: string[]; references: string; nullable: boolean };
export type Catalog = Map<string, TableInfo>;

// Every table of the public schema (Rapport's data); drizzle's migration journal lives in its own schema.
const publicTables = sql`c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition`;

export async function readCatalog(db: Executor): Promise<Catalog> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c where ${publicTables}`,
  );
  const columns = await queryRows<{ table: string; name: string }>(
    db,
    sql`select c.relname as table, a.attname as name
        from pg_attribute a join pg_class c on c.oid = a.attrelid
        where ${publicTables} and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const constraints = await queryRows<{
    table: string;
    type: "p" | "f";
    references: string | null;
    columns: string[];
    nullable: boolean;
  }>(
    db,
    sql`select c.relname as table, con.contype as type, rc.relname as references,
               json_agg(a.attname order by k.i) as columns, bool_and(not a.attnotnull) as nullable
        from pg_constraint con
        join pg_class c on c.oid = con.conrelid
        left join pg_class rc on rc.oid = con.confrelid
        cross join unnest(con.conkey) with ordinality as k(attnum, i)
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
        where ${publicTables} and (con.contype = 'p' or (con.contype = 'f' and rc.relnamespace = 'public'::regnamespace))
        group by con.oid, c.relname, con.contype, rc.relname
        order by c.relname, con.conname`,
  );
  const catalog: Catalog = new Map();
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    catalog.set(name, { name, insertableColumns: [], primaryKey: [], foreignKeys: [] });
  }
  for (const column of columns) catalog.get(column.table)?.insertableColumns.push(column.name);
  for (const con of constraints) {
    const table = catalog.get(con.table);
    if (!table) continue;
    if (con.type === "p") table.primaryKey = con.columns;
    else if (con.references)
      table.foreignKeys.push({ columns: con.columns, references: con.references, nullable: con.nullable });
  }
  return catalog;
}

/**
 * Tables ordered so that every table comes after the tables it refers to. A cycle (departments.manager_id
 * → users, users.department_id → departments) is broken at a table on the cycle whose open references
 * can all be null, the one with fewest; restore fills those references in afterwards (see planRestore).
 */
export function insertionOrder(catalog: Catalog): string[] {
  const remaining = new Set(catalog.keys());
  const order: string[] = [];
  const openReferences = (name: string) =>
    (catalog.get(name)?.foreignKeys ?? []).filter((fk) => fk.references !== name && remaining.has(fk.references));
  const onCycle = (start: string) => {
    const seen = new Set<string>();
    const stack = openReferences(start).map((fk) => fk.references);
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === start) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...openReferences(next).map((fk) => fk.references));
    }
    return false;
  };
  while (remaining.size > 0) {
    const candidates = [...remaining].sort();
    const breakable = candidates
      .filter((name) => onCycle(name) && openReferences(name).every((fk) => fk.nullable))
      .sort((a, b) => openReferences(a).length - openReferences(b).length);
    // Nothing breakable: a cycle of required references; planRestore reports it.
    const next = candidates.find((name) => openReferences(name).length === 0) ?? breakable[0] ?? candidates[0];
    if (next === undefined) break;
    order.push(next);
    remaining.delete(next);
  }
  return order;
}

export type TableRestorePlan = {
  table: TableInfo;
  /** References to rows not inserted yet (own table or later ones): inserted as null, set afterwards. */
  deferredColumns: string[];
};

/** For each table in the file's order, which references must wait; or why that order cannot be restored. */
export function planRestore(catalog: Catalog, order: string[]): { plans: TableRestorePlan[] } | { problem: string } {
  const plans: TableRestorePlan[] = [];
  const inserted = new Set<string>();
  for (const name of order) {
    const table = catalog.get(name);
    if (!table) return { problem: `table ${name} does not exist in this database` };
    const deferredColumns: string[] = [];
    for (const fk of table.foreignKeys) {
      if (inserted.has(fk.references)) continue;
      if (!fk.nullable)
        return { problem: `${name}.${fk.columns.join(",")} must refer to ${fk.references}, which comes later` };
      deferredColumns.push(...fk.columns);
    }
    if (deferredColumns.length > 0 && table.primaryKey.length === 0) {
      return { problem: `${name} refers to rows inserted later but has no primary key to fill them in by` };
    }
    plans.push({ table, deferredColumns });
    inserted.add(name);
  }
  return { plans };
}

/** A quoted identifier, so any table or column name is safe in generated SQL. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: string) => `"public".${quoteIdent(table)}`;

/** Sequences owned by columns of public tables (serial and identity columns), to set after a restore. */
export async function ownedSequences(db: Executor): Promise<{ sequence: string; table: string; column: string }[]> {
  return queryRows(
    db,
    sql`select s.oid::regclass::text as sequence, t.relname as table, a.attname as column
        from pg_depend d
        join pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_class t on t.oid = d.refobjid and t.relnamespace = 'public'::regnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')`,
  );
}
