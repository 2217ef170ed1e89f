import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { arrayLiteral } from "./array-literal.ts";
import type { Executor } from "./client.ts";

/** A column's value as the text PostgreSQL reads back into the column's type; null stays null. */
function textOf(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // Drizzle's own mapping gives JSON text for json columns and an array literal for array columns.
  const driverValue = column.mapToDriverValue(value);
  if (driverValue instanceof Date) return driverValue.toISOString();
  return String(driverValue);
}

/**
 * Inserts many rows (keyed like drizzle's insert values) with one statement per set of given keys:
 * each column travels as one text[] parameter, unnested side by side and cast to the column's type.
 * Drizzle's multi-row VALUES takes a parameter per cell (tens of thousands for an import's chunk,
 * most of its time spent building and parsing the statement), and rows as one JSON document cost
 * the database 1 s per 100,000 rows to take apart; arrays cost a fifth of that. A key a row leaves
 * out takes the column's default.
 */
export async function insertRows(db: Executor, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keysOfTable = Object.keys(columns);
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    let signature = "";
    for (const key of keysOfTable) if (row[key] !== undefined) signature += signature ? `,${key}` : key;
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  const tableName = sql.identifier(getTableName(table));
  for (const [signature, group] of groups) {
    if (signature === "") {
      // Rows that give no column at all: every column takes its default.
      for (const _ of group) await db.execute(sql`insert into ${tableName} default values`);
      continue;
    }
    const given = signature.split(",").map((key) => ({ key, column: columns[key] as PgColumn }));
    const names = sql.join(
      given.map(({ column }) => sql.identifier(column.name)),
      sql`, `,
    );
    const arrays = sql.join(
      given.map(({ key, column }) => sql`${arrayLiteral(group.map((row) => textOf(column, row[key])))}::text[]`),
      sql`, `,
    );
    const aliases = given.map((_, i) => sql.identifier(`c${i}`));
    const casts = given.map(({ column }, i) => sql`${aliases[i]}::${sql.raw(column.getSQLType())}`);
    await db.execute(
      sql`insert into ${tableName} (${names})
        select ${sql.join(casts, sql`, `)} from unnest(${arrays}) as given(${sql.join(aliases, sql`, `)})`,
    );
  }
}
