import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { validationFailed } from "../errors.ts";
import { badCursor, decodeCursor, encodeCursor } from "../http.ts";
import { type CustomFieldDefinition, isCalendarDate, validateCustomValues } from "./values.ts";

/** The columns of an object table that custom-field queries touch. */
export type CustomTable = { id: PgColumn; custom: PgColumn };

const numericTypes = new Set(["number", "money"]);
/** Types compared by order (gt, lt, …) and types searched by contains. */
export const orderedTypes = new Set(["number", "money", "date", "dateTime"]);
export const textTypes = new Set(["text", "longText", "url", "email", "phone"]);

/** Keys are checked against /^[a-z][a-z0-9_]*$/ when a field is defined, so they are safe as SQL literals. */
export const keyLiteral = (key: string) => sql.raw(`'${key.replace(/'/g, "''")}'`);

/**
 * The SQL a field's values are compared and sorted by; an index on the same expression serves them.
 * Money and numbers compare as numeric; the rest as text (ISO dates and UTC date-times sort as text).
 */
export function valueExpression(table: CustomTable, field: CustomFieldDefinition): SQL {
  const text = sql`(${table.custom}->>${keyLiteral(field.key)})`;
  return numericTypes.has(field.type) ? sql`(${text}::numeric)` : text;
}

/** The same expression as raw SQL for CREATE INDEX, where no column prefix may appear. */
export function indexExpression(field: CustomFieldDefinition): string {
  const key = `'${field.key}'`;
  if (field.type === "multiChoice") return `(custom->${key})`;
  return numericTypes.has(field.type) ? `((custom->>${key})::numeric)` : `(custom->>${key})`;
}

const operators = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "in", "empty"] as const;
type Operator = (typeof operators)[number];
const comparison: Record<string, string> = { eq: "=", ne: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" };

/** One filter value in the field's stored form; a choice may name an archived option. */
function filterValue(field: CustomFieldDefinition, raw: string, path: string): unknown {
  // Like the built-in filters (?industry= is a 400): an empty value filters nothing; [empty] finds the unset.
  if (raw.trim() === "")
    throw validationFailed(path, "needs a value (custom.<key>[empty]=true finds records without one)");
  if (field.type === "singleChoice" || field.type === "multiChoice") {
    if (!field.options.some((o) => o.key === raw)) throw validationFailed(path, "is not an option of this field");
    return raw;
  }
  try {
    const single = { ...field, type: field.type, required: false, state: "active" as const };
    return validateCustomValues([single], { [field.key]: raw }, { partial: true, archivedOptions: true })[field.key];
  } catch {
    throw validationFailed(path, `is not a valid ${field.type} value`);
  }
}

function condition(table: CustomTable, field: CustomFieldDefinition, op: Operator, raw: string, path: string): SQL {
  const key = keyLiteral(field.key);
  if (op === "empty") {
    if (raw !== "true" && raw !== "false") throw validationFailed(path, "must be true or false");
    return raw === "true" ? sql`not (${table.custom} ? ${key})` : sql`(${table.custom} ? ${key})`;
  }
  if (field.type === "multiChoice") {
    if (op !== "eq" && op !== "in") throw validationFailed(path, "a multiple choice field filters by eq or in");
    const keys = raw.split(",").map((k) => filterValue(field, k.trim(), path));
    // Any of the options: jsonb ?| finds rows whose list holds one of them.
    return sql`(${table.custom}->${key}) ?| array[${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]`;
  }
  const expr = valueExpression(table, field);
  if (op === "contains") {
    if (!textTypes.has(field.type)) throw validationFailed(path, "contains works on text fields");
    const pattern = `%${raw.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql`${expr} ilike ${pattern}`;
  }
  if (op === "in") {
    const values = raw.split(",").map((v) => String(filterValue(field, v.trim(), path)));
    return sql`${expr} in (${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  }
  if (op !== "eq" && op !== "ne" && !orderedTypes.has(field.type)) {
    throw validationFailed(path, `${op} works on number, money, date and date-time fields`);
  }
  const value = String(filterValue(field, raw, path));
  const bound = numericTypes.has(field.type) ? sql`${value}::numeric` : sql`${value}`;
  return sql`${expr} ${sql.raw(comparison[op] ?? "=")} ${bound}`;
}

/**
 * List filters from query parameters: `custom.<key>=v` (equals; for multiple choice, holds v),
 * `custom.<key>[op]=v` with op one of ne, gt, gte, lt, lte (ordered types), contains (text),
 * in (comma-separated), empty (true/false). Every condition must hold.
 */
export function customFilterConditions(
  table: CustomTable,
  fields: CustomFieldDefinition[],
  query: Record<string, string | string[]>,
): SQL[] {
  const byKey = new Map(fields.filter((f) => f.state === "active").map((f) => [f.key, f]));
  const conditions: SQL[] = [];
  for (const [param, values] of Object.entries(query)) {
    const match = /^custom\.([a-z][a-z0-9_]*)(?:\[([a-z]+)\])?$/.exec(param);
    const field = match?.[1] ? byKey.get(match[1]) : undefined;
    if (!match || !field) throw validationFailed(param, "is not a custom field of this record");
    const op = (match[2] ?? "eq") as Operator;
    if (!operators.includes(op)) throw validationFailed(param, `operator must be one of ${operators.join(", ")}`);
    for (const raw of Array.isArray(values) ? values : [values])
      conditions.push(condition(table, field, op, raw, param));
  }
  return conditions;
}

/** Whether a cursor's value is one the field's sort could have written (String() of a stored value). */
function isCursorValue(field: CustomFieldDefinition, value: string): boolean {
  if (value.includes("\0")) return false;
  switch (field.type) {
    case "number":
    case "money":
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value);
    case "date":
      return isCalendarDate(value);
    case "dateTime":
      return !Number.isNaN(Date.parse(value));
    default:
      return true;
  }
}

export type SortPlan = {
  order: SQL[];
  after: SQL | undefined;
  cursorOf(row: Record<string, unknown> & { id: string }): string;
};

/**
 * Keyset paging over a custom field, empty values last in either direction. The cursor carries the
 * last row's value (as text, or null) and id.
 */
export function customSortPlan(
  table: CustomTable,
  field: CustomFieldDefinition,
  descending: boolean,
  cursor: string | undefined,
): SortPlan {
  if (field.type === "multiChoice") throw validationFailed("sort", "a multiple choice field cannot be sorted");
  const expr = valueExpression(table, field);
  const dir = sql.raw(descending ? "desc" : "asc");
  const beyond = sql.raw(descending ? "<" : ">");
  let after: SQL | undefined;
  if (cursor) {
    const [encoded, id] = decodeCursor(cursor, "string");
    let value: unknown;
    try {
      value = JSON.parse(String(encoded));
    } catch {
      value = undefined;
    }
    // The value goes into SQL as the field's type: a tampered one is a 400 like a built-in sort's.
    if (value !== null && !(typeof value === "string" && isCursorValue(field, value))) throw badCursor();
    const bound = numericTypes.has(field.type) ? sql`${value}::numeric` : sql`${value}`;
    after =
      value === null
        ? sql`(${expr} is null and ${table.id} ${beyond} ${id})`
        : sql`(${expr} ${beyond} ${bound} or (${expr} = ${bound} and ${table.id} ${beyond} ${id}) or ${expr} is null)`;
  }
  return {
    order: [sql`${expr} ${dir} nulls last`, sql`${table.id} ${dir}`],
    after,
    cursorOf(row) {
      const value = (row.custom as Record<string, unknown> | null)?.[field.key];
      return encodeCursor(JSON.stringify(value == null ? null : String(value)), row.id);
    },
  };
}
