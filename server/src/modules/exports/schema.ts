import { z } from "zod";
import { contactColumns, customerColumns, type ExportColumn } from "./columns.ts";

const MAX_COLUMNS = 200;
/** Of one comma-separated string, as the free-text parameter allowed. */
const MAX_LENGTH = 1000;
const customColumnKey = /^custom\.[a-z][a-z0-9_]*$/;

/** An object's built-in column keys, as a zod enum. */
export type ColumnKeys = z.ZodEnum<Record<string, string>>;

/**
 * The built-in column keys of an object, in the order of its full export, as a named OpenAPI
 * component (an enum), so the generated web types carry them (web/src/features/exports/exportColumns.ts).
 */
function builtInColumns(id: string, columns: ExportColumn<never>[]): ColumnKeys {
  const keys = columns.map((c) => c.key) as [string, ...string[]];
  return z.enum(keys).meta({ id, description: "A built-in column of the export, by key" });
}

export const customerExportColumn = builtInColumns("CustomerExportColumn", customerColumns as ExportColumn<never>[]);
export const contactExportColumn = builtInColumns("ContactExportColumn", contactColumns as ExportColumn<never>[]);

/**
 * The `columns` of an export: built-in keys and `custom.<key>` (checked against the organization's
 * active fields when the request runs, routes.ts), in the order wanted. Typed as a list, which
 * generated clients send as `columns=a&columns=b`; the web's download links send `columns=a,b`, and
 * a body may give that string too. A key that is neither is refused here, on `columns` itself and by
 * name, as the request-time check refuses an unknown custom field.
 */
export function exportColumnList(builtIn: ColumnKeys) {
  const column = z.union([builtIn, z.string().regex(customColumnKey)]);
  return z.preprocess((value, ctx) => {
    const given = typeof value === "string" ? [value] : value;
    if (!Array.isArray(given)) return value;
    const long = given.find((part) => typeof part === "string" && part.length > MAX_LENGTH);
    if (long !== undefined) {
      ctx.addIssue({ code: "custom", input: long, message: `must be at most ${MAX_LENGTH} characters` });
      return value;
    }
    const keys = given.flatMap((part) =>
      typeof part === "string"
        ? part
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : [part],
    );
    const unknown = keys.filter((k): k is string => typeof k === "string" && !column.safeParse(k).success);
    if (unknown.length > 0) ctx.addIssue({ code: "custom", input: value, message: noSuchColumn(unknown) });
    return keys;
  }, z.array(column).max(MAX_COLUMNS));
}

/** The message naming the unknown keys (translated by the catalog's "{columns}: no such column"). */
export const noSuchColumn = (keys: string[]) => `${keys.join(", ")}: no such column`;
