import { z } from "zod";
import { customValuesSchemaId } from "./registry.ts";

const valuesSchemas = new Map<string, z.ZodRecord<z.ZodString, z.ZodUnknown>>();

/**
 * A record's custom field values by field key, one OpenAPI component per object type (made once: a
 * component id names one schema). The static document shows an open object; the document served to
 * a signed-in caller (/api/openapi.json) lists the organization's fields.
 */
export function customValuesSchema(objectType: string) {
  const made = valuesSchemas.get(objectType);
  if (made) return made;
  const schema = z
    .record(z.string(), z.unknown())
    .describe(
      "Custom field values by field key (see /api/v1/custom-fields): text, numbers as JSON numbers, " +
        "money as a decimal string, dates YYYY-MM-DD, date-times in UTC ISO 8601, choices as option keys " +
        "(a list for multiple choice), user ids. On update only the keys given change; null clears one.",
    )
    .meta({ id: customValuesSchemaId(objectType) });
  valuesSchemas.set(objectType, schema);
  return schema;
}

const customParam = /^custom\.[a-z][a-z0-9_]*(\[[a-z]+\])?$/;

/**
 * A list's query with custom field filters and sorts: `sort` also takes `custom.<key>` (or
 * `-custom.<key>`), and parameters named `custom.<key>` or `custom.<key>[op]` filter (custom-fields/query.ts).
 * Any other unknown parameter is still refused. Typed as the known parameters: the custom ones are
 * read with customQueryParams.
 */
export function withCustomFieldParams<T extends z.ZodObject>(query: T, sorts: [string, ...string[]]): T {
  const sortShape = query.shape.sort as z.ZodType;
  // One message whichever alternative zod reports: the list's own fields as well as the custom pattern.
  const fields = sorts.filter((s) => !s.startsWith("-")).join(", ");
  const sortMessage = { error: `must be one of ${fields} or custom.<key>; a leading - sorts descending` };
  return withCustomFieldFilters(
    query.extend({
      sort: z
        .union(
          [z.enum(sorts, sortMessage), z.string(sortMessage).regex(/^-?custom\.[a-z][a-z0-9_]*$/, sortMessage)],
          sortMessage,
        )
        .describe(
          "A field, or custom.<key>; a leading - sorts descending. Custom fields also filter: " +
            "custom.<key>=v (equals; for multiple choice, holds one of a comma-separated list) or " +
            "custom.<key>[op]=v with op ne, gt, gte, lt, lte (numbers, money, dates), contains (text), " +
            'in (comma-separated; a value holding a comma in double quotes, a quote in it doubled: "Acme, Inc.",Globex), ' +
            "empty (true/false). Text fields compare without case",
        )
        .default((sortShape as z.ZodDefault<z.ZodType<string>>).def.defaultValue as string),
    }),
  ) as unknown as T;
}

/**
 * A query taking custom field filters (`custom.<key>` or `custom.<key>[op]`) beside its own
 * parameters, and refusing any other: a list's query without sort or paging, such as its count.
 */
export function withCustomFieldFilters<T extends z.ZodObject>(query: T): T {
  const known = new Set(Object.keys(query.shape));
  return query.catchall(z.union([z.string().max(500), z.array(z.string().max(500)).max(20)])).superRefine((q, ctx) => {
    for (const key of Object.keys(q)) {
      if (!known.has(key) && !customParam.test(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: "is not a parameter of this list" });
      }
    }
  }) as unknown as T;
}

/** The `custom.*` parameters of a parsed list query. */
export function customQueryParams(query: Record<string, unknown>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => key.startsWith("custom."))) as Record<
    string,
    string | string[]
  >;
}
