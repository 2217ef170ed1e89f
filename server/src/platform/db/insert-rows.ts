import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

/** A column's value as JSON that json_populate_recordset reads back into the column's type. */
function jsonValue(column: PgColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  // json/jsonb and array columns take the value as JSON as it is; the rest as the driver would.
  if (column.getSQLType().startsWith("json") || Array.isArray(value)) return value;
  return column.mapToDriverValue(value);
}

/**
 * Inserts many rows (keyed like drizzle's insert values) with one statement per set of given keys,
 * the rows travelling as one JSON parameter. Drizzle's multi-row VALUES takes a parameter per cell:
 * for an import's 2,000-row chunk that is tens of thousands of them and most of the chunk's time
 * spent building and parsing the statement. A key a row leaves out takes the column's default.
 */
export async function insertRows(db: Executor, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const keys = Object.keys(row)
      .filter((key) => columns[key] && row[key] !== undefined)
      .sort();
    const signature = keys.join(",");
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  const tableName = sql.identifier(getTableName(table));
  for (const [signature, group] of groups) {
    const keys = signature.split(",").filter(Boolean);
    if (keys.length === 0) {
      // Rows that give no column at all: every column takes its default.
      for (const _ of group) await db.execute(sql`insert into ${tableName} default values`);
      continue;
    }
    const names = sql.join(
      keys.map((key) => sql.identifier((columns[key] as PgColumn).name)),
      sql`, `,
    );
    const json = group.map((row) =>
      Object.fromEntries(
        keys.map((key) => [(columns[key] as PgColumn).name, jsonValue(columns[key] as PgColumn, row[key])]),
      ),
    );
    await db.execute(
      sql`insert into ${tableName} (${names})
        select ${names} from json_populate_recordset(null::${tableName}, ${JSON.stringify(json)}::json)`,
    );
  }
}
