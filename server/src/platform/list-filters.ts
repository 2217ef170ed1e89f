import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import { loadCustomFields } from "./custom-fields/index.ts";
import { customFilterConditions } from "./custom-fields/query.ts";
import { customObjects } from "./custom-fields/registry.ts";
import { customQueryParams } from "./custom-fields/schema.ts";
import type { Executor } from "./db/client.ts";
import { AppError, type ErrorDetail } from "./errors.ts";
import type { Actor } from "./permissions.ts";

/** Query parameters of a list that sort, page or open the trash; every other one filters. */
const notFilters = new Set(["sort", "limit", "cursor", "deleted"]);

export type FilterCheck = (db: Executor, actor: Actor, filters: Record<string, unknown>) => Promise<ErrorDetail[]>;

/** A zod issue of a list query as the list's route names it (see error-handler.ts). */
function issueDetails(issue: z.core.$ZodIssue, filters: Record<string, unknown>): ErrorDetail[] {
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => ({ path: key, message: "is not a known field" }));
  const path = issue.path.map(String).join(".");
  const twice = Array.isArray(filters[path]) && (issue.code === "invalid_type" || issue.code === "invalid_value");
  return [{ path, message: twice ? "is given more than once" : issue.message }];
}

/**
 * How a list checks its filters, for filters kept outside its query (a saved view's): the same
 * query schema, filter conditions, custom-field filters (active field, operator, value) and option
 * keys the list applies, the problems named by parameter as the list names them; none when it
 * would take them. Only writes call it, so custom fields are read fresh.
 */
export function filterCheck<F>(list: {
  query: z.ZodType;
  customObjectType?: string;
  filterConditions: (filters: F) => (SQL | undefined)[];
  checkEmptyFilters?: (db: Executor, actor: Actor, filters: F) => Promise<void>;
}): FilterCheck {
  return async (db, actor, filters) => {
    const misplaced = Object.keys(filters).filter((key) => notFilters.has(key));
    if (misplaced.length > 0) return misplaced.map((path) => ({ path, message: "is not a filter of this list" }));
    const parsed = list.query.safeParse(filters);
    if (!parsed.success) return parsed.error.issues.flatMap((issue) => issueDetails(issue, filters));
    const { sort, limit, cursor, deleted, ...own } = parsed.data as Record<string, unknown>;
    try {
      list.filterConditions(own as F);
      const object = list.customObjectType ? customObjects().get(list.customObjectType) : undefined;
      if (object) {
        const fields = await loadCustomFields(db, actor.organizationId, object.objectType, { fresh: true });
        customFilterConditions(object.table, fields, customQueryParams(own));
      }
      await list.checkEmptyFilters?.(db, actor, own as F);
    } catch (error) {
      if (error instanceof AppError && error.status === 400 && error.details.length > 0) return error.details;
      throw error;
    }
    return [];
  };
}
