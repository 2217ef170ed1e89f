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
 * A field's value in SQL: money and numbers as numeric, the rest as stored text (ISO dates and UTC
 * date-times sort as text).
 */
export function valueExpression(table: CustomTable, field: CustomFieldDefinition): SQL {
  const text = sql`(${table.custom}->>${keyLiteral(field.key)})`;
  return numericTypes.has(field.type) ? sql`(${text}::numeric)` : text;
}

/**
 * What filters (eq, ne, in) compare and sorts order by, and the field's index holds (indexExpression):
 * the value, without case for text-like fields, as a user expects ("acme" finds "ACME").
 */
export function comparedExpression(table: CustomTable, field: CustomFieldDefinition): SQL {
  const value = valueExpression(table, field);
  return textTypes.has(field.type) ? sql`lower(${value})` : value;
}

/** A bound value compared with comparedExpression, in the same form. */
function comparedValue(field: CustomFieldDefinition, value: unknown): SQL {
  if (numericTypes.has(field.type)) return sql`${value}::numeric`;
  return textTypes.has(field.type) ? sql`lower(${value})` : sql`${value}`;
}

/** The same expression as raw SQL for CREATE INDEX, where no column prefix may appear. */
export function indexExpression(field: CustomFieldDefinition): string {
  const key = `'${field.key}'`;
  if (field.type === "multiChoice") return `(custom->${key})`;
  if (numericTypes.has(field.type)) return `((custom->>${key})::numeric)`;
  return textTypes.has(field.type) ? `lower(custom->>${key})` : `(custom->>${key})`;
}

/**
 * The values of a list parameter (in; eq on a multiple choice field): comma-separated, and, as in
 * CSV, a value holding a comma written in double quotes with any quote in it doubled:
 * `"Acme, Inc.",Globex`. Space around a value or its quotes does not count. Throws on a quote left open
 * or text after a closing quote.
 */
export function splitListValues(raw: string, path: string): string[] {
  const values: string[] = [];
  let at = 0;
  for (;;) {
    while (raw[at] === " ") at++;
    if (raw[at] !== '"') {
      const comma = raw.indexOf(",", at);
      values.push(raw.slice(at, comma === -1 ? undefined : comma).trim());
      if (comma === -1) return values;
      at = comma + 1;
      continue;
    }
    let value = "";
    for (at++; ; at++) {
      if (at >= raw.length) throw validationFailed(path, "has a quoted value that is never closed");
      if (raw[at] !== '"') value += raw[at];
      else if (raw[at + 1] === '"') value += raw[at++];
      else break;
    }
    values.push(value);
    at++;
    while (raw[at] === " ") at++;
    if (at >= raw.length) return values;
    if (raw[at] !== ",") throw validationFailed(path, "needs a comma after a quoted value");
    at++;
  }
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
    const keys = splitListValues(raw, path).map((k) => filterValue(field, k, path));
    // Any of the options: jsonb ?| finds rows whose list holds one of them.
    return sql`(${table.custom}->${key}) ?| array[${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]`;
  }
  if (op === "contains") {
    if (!textTypes.has(field.type)) throw validationFailed(path, "contains works on text fields");
    const pattern = `%${raw.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql`${valueExpression(table, field)} ilike ${pattern}`;
  }
  const expr = comparedExpression(table, field);
  if (op === "in") {
    const values = splitListValues(raw, path).map((v) => String(filterValue(field, v, path)));
    return sql`${expr} in (${sql.join(
      values.map((v) => comparedValue(field, v)),
      sql`, `,
    )})`;
  }
  if (op !== "eq" && op !== "ne" && !orderedTypes.has(field.type)) {
    throw validationFailed(path, `${op} works on number, money, date and date-time fields`);
  }
  const value = String(filterValue(field, raw, path));
  return sql`${expr} ${sql.raw(comparison[op] ?? "=")} ${comparedValue(field, value)}`;
}

/**
 * List filters from query parameters: `custom.<key>=v` (equals; for multiple choice, holds one of a
 * list), `custom.<key>[op]=v` with op one of ne, gt, gte, lt, lte (ordered types), contains (text),
 * in (a list: splitListValues), empty (true/false). Text-like fields compare without case. Every
 * condition must hold.
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
  // Text without case ("apple" beside "Apple"), on the field's index; the id orders case variants.
  const expr = comparedExpression(table, field);
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
    const bound = comparedValue(field, value);
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
