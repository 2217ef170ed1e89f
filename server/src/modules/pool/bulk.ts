import type { SQL } from "drizzle-orm";
import { customQueryParams } from "../../platform/custom-fields/schema.ts";
import type { Executor } from "../../platform/db/client.ts";
import { AppError, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { OnProgress } from "../../platform/progress-stream.ts";
import type { BaseRow, defineResource } from "../../platform/resource.ts";
import { BULK_LIMIT } from "./schema.ts";

type AnyResource = Pick<
  ReturnType<typeof defineResource<BaseRow, never, { version: number }>>,
  "list" | "requirePermission"
>;

/** A list's filter as a bulk request gives it: search, the list's own filters, custom.<key> filters. */
export type BulkFilter = { q?: string } & Record<string, unknown>;

/** What bulk actions act on: a record type and how its list's own filters become SQL. */
export type BulkTarget<F extends BulkFilter> = {
  resource: AnyResource;
  /** The filters (without q) as conditions; may check them first (an unknown option is a 400). */
  conditions: (db: Executor, actor: Actor, filters: Omit<F, "q">) => Promise<(SQL | undefined)[]>;
};

/**
 * The ids of every record the list shows with the filter that the caller may change, one more than
 * the cap at most: the one way "all that match" becomes a query, for the action and its count.
 */
async function matchingIds<F extends BulkFilter>(
  db: Executor,
  actor: Actor,
  target: BulkTarget<F>,
  filter: F,
): Promise<string[]> {
  // Someone who may not see the list hears so before anything about their filter.
  target.resource.requirePermission(actor, "view");
  const { q, ...filters } = filter;
  try {
    const page = await target.resource.list(db, actor, {
      // Every bulk action changes records: "all that match" leaves out those the caller may only view.
      access: "write",
      q: q || undefined,
      conditions: await target.conditions(db, actor, filters),
      custom: customQueryParams(filter),
      sort: "-updatedAt",
      limit: BULK_LIMIT + 1,
    });
    return page.rows.map((r) => r.id);
  } catch (error) {
    // A bad filter names its parameter; here that sits inside `filter`.
    if (error instanceof AppError && error.code === "validation_failed") {
      throw new AppError(
        error.code,
        error.message,
        error.details.map((d) => ({ ...d, path: `filter.${d.path}` })),
      );
    }
    throw error;
  }
}

/** Which records a bulk request means: the ids given, or every record the list shows with the filter that the caller may change. */
export async function selectIds<F extends BulkFilter>(
  db: Executor,
  actor: Actor,
  target: BulkTarget<F>,
  selection: { ids?: string[]; filter?: F },
): Promise<string[]> {
  if (selection.ids && selection.filter) throw validationFailed("filter", "give ids or filter, not both");
  if (selection.ids) return [...new Set(selection.ids)];
  if (!selection.filter) throw validationFailed("ids", "give ids or filter");
  const ids = await matchingIds(db, actor, target, selection.filter);
  if (ids.length > BULK_LIMIT) {
    throw new AppError("payload_too_large", `More than ${BULK_LIMIT} records match; narrow the filter`, [
      { path: "filter", message: `matches more than ${BULK_LIMIT} records` },
    ]);
  }
  return ids;
}

/**
 * How many records a bulk action on the filter would change, changing nothing: BULK_LIMIT + 1 means
 * "more than the cap" (the action would be refused). Counts the same selection the action takes.
 */
export async function countMatching<F extends BulkFilter>(
  db: Executor,
  actor: Actor,
  target: BulkTarget<F>,
  filter: F,
): Promise<{ count: number; limit: number }> {
  return { count: (await matchingIds(db, actor, target, filter)).length, limit: BULK_LIMIT };
}

/**
 * Applies one change to every record inside the caller's transaction: the first failure undoes them
 * all and answers its own status, naming the record (details[].path "ids.<i>") and why. Progress is
 * reported per record; it means "changed in the transaction", so nothing is saved until the end.
 */
export async function applyToEach(
  ids: string[],
  change: (id: string) => Promise<void>,
  onProgress?: OnProgress,
): Promise<number> {
  for (const [i, id] of ids.entries()) {
    try {
      await change(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const why = error.details[0]?.message ?? error.message;
      throw new AppError(error.code, `Nothing was changed: record ${id} failed: ${error.message}`, [
        { path: `ids.${i}`, message: `${id}: ${why}` },
      ]);
    }
    await onProgress?.(i + 1, ids.length);
  }
  return ids.length;
}
