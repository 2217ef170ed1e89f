import type { SQL } from "drizzle-orm";
import { customQueryParams } from "../../platform/custom-fields/schema.ts";
import type { Transaction } from "../../platform/db/client.ts";
import { AppError, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { OnProgress } from "../../platform/progress-stream.ts";
import type { BaseRow, defineResource } from "../../platform/resource.ts";
import { BULK_LIMIT } from "./schema.ts";

type AnyResource = Pick<ReturnType<typeof defineResource<BaseRow, never, { version: number }>>, "list">;

/** Which records a bulk request means: the ids given, or every record the list shows with the filter that the caller may change. */
export async function selectIds(
  tx: Transaction,
  actor: Actor,
  resource: AnyResource,
  selection: { ids?: string[]; filter?: { q?: string } & Record<string, unknown>; conditions: (SQL | undefined)[] },
): Promise<string[]> {
  if (selection.ids && selection.filter) throw validationFailed("filter", "give ids or filter, not both");
  if (selection.ids) return [...new Set(selection.ids)];
  if (!selection.filter) throw validationFailed("ids", "give ids or filter");
  const page = await resource
    .list(tx, actor, {
      // Every bulk action changes records: "all that match" leaves out those the caller may only view.
      access: "write",
      q: selection.filter.q || undefined,
      conditions: selection.conditions,
      custom: customQueryParams(selection.filter),
      sort: "-updatedAt",
      limit: BULK_LIMIT + 1,
    })
    .catch((error: unknown) => {
      // A bad custom filter names its parameter; here that sits inside `filter`.
      if (error instanceof AppError && error.code === "validation_failed") {
        throw new AppError(
          error.code,
          error.message,
          error.details.map((d) => ({ ...d, path: `filter.${d.path}` })),
        );
      }
      throw error;
    });
  if (page.rows.length > BULK_LIMIT) {
    throw new AppError("payload_too_large", `More than ${BULK_LIMIT} records match; narrow the filter`, [
      { path: "filter", message: `matches more than ${BULK_LIMIT} records` },
    ]);
  }
  return page.rows.map((r) => r.id);
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
