import { loadCustomFields } from "../../platform/custom-fields/index.ts";
import type { Executor } from "../../platform/db/client.ts";
import { AppError, type ErrorDetail, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { listFilterProblems, listSortFields } from "../../platform/resource-routes.ts";
import { contactColumns, customerColumns } from "../exports/columns.ts";
import type { ViewObjectType } from "./service.ts";
import type { SavedFilters } from "./table.ts";

/** The parts of a view that name the list's filters, sort and columns. */
export type ViewQuery = { filters: SavedFilters; sort: string | null; columns: string[] };

/**
 * Each list's own columns (the ones its export takes, as the web's column chooser offers a subset
 * of them and exports the visible ones) and the object type of its custom fields.
 */
const viewLists: Record<ViewObjectType, { columns: string[]; customObjectType: string }> = {
  customers: { columns: customerColumns.map((c) => c.key), customObjectType: "customer" },
  contacts: { columns: contactColumns.map((c) => c.key), customObjectType: "contact" },
};
type ListName = ViewObjectType;

const listPath = (objectType: string) => `/api/v1/${objectType}`;

function refuse(details: ErrorDetail[]): never {
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  throw new AppError("validation_failed", `Invalid view: ${summary}`, details);
}

/** A view's filters are ones its list takes: 400 naming filters.<parameter> with the list's own words. */
export async function requireListFilters(db: Executor, actor: Actor, objectType: ListName, filters?: SavedFilters) {
  if (!filters) return;
  const problems = (await listFilterProblems(db, actor, listPath(objectType), filters)) ?? [];
  if (problems.length > 0) refuse(problems.map((p) => ({ path: `filters.${p.path}`, message: p.message })));
}

/** A view's sort is one its list takes (a field of the list, or one of its custom fields). */
export async function requireListSort(db: Executor, actor: Actor, objectType: ListName, sort?: string | null) {
  if (sort == null) return;
  const fields = await listSortFields(db, actor, listPath(objectType));
  if (fields && !fields.includes(sort.replace(/^-/, ""))) {
    throw validationFailed("sort", `must be one of ${fields.join(", ")}; a leading - sorts descending`);
  }
}

const activeFieldKeys = async (db: Executor, actor: Actor, objectType: ListName, fresh = false) =>
  new Set(
    (await loadCustomFields(db, actor.organizationId, viewLists[objectType].customObjectType, { fresh }))
      .filter((f) => f.state === "active")
      .map((f) => f.key),
  );

/** A view's columns are its list's, custom.<key> of active fields, each once: 400 naming columns.<n>. */
export async function requireListColumns(db: Executor, actor: Actor, objectType: ListName, columns?: string[]) {
  if (!columns?.length) return;
  const active = await activeFieldKeys(db, actor, objectType, true);
  const builtIn = new Set(viewLists[objectType].columns);
  const problems: ErrorDetail[] = [];
  columns.forEach((column, n) => {
    const custom = /^custom\.(.+)$/.exec(column)?.[1];
    if (custom ? !active.has(custom) : !builtIn.has(column)) {
      problems.push({ path: `columns.${n}`, message: "is not a column of this list" });
    } else if (columns.indexOf(column) < n) {
      problems.push({ path: `columns.${n}`, message: "repeats an earlier column" });
    }
  });
  if (problems.length > 0) refuse(problems);
}

/** The custom field a filter parameter, sort or column names (custom.<key>[op], -custom.<key>), if any. */
const fieldOf = (name: string) => /^-?custom\.([a-z][a-z0-9_]*)/.exec(name)?.[1];

/**
 * Reads for each view of one list: its filters, sort and columns without the custom fields archived
 * or deleted since it was saved, and `stale` naming those fields (custom.<key>), so the view still
 * opens its list. The stored view keeps them: a field restored comes back into it.
 */
export async function staleDropper(db: Executor, actor: Actor, objectType: ListName) {
  const active = await activeFieldKeys(db, actor, objectType);
  return <V extends ViewQuery>(view: V): V & { stale: string[] } => {
    const stale = new Set<string>();
    const keep = (name: string) => {
      const key = fieldOf(name);
      if (key === undefined || active.has(key)) return true;
      stale.add(`custom.${key}`);
      return false;
    };
    const filters = Object.fromEntries(Object.entries(view.filters).filter(([name]) => keep(name)));
    const sort = view.sort !== null && keep(view.sort) ? view.sort : null;
    const columns = view.columns.filter(keep);
    return { ...view, filters, sort, columns, stale: [...stale].sort() };
  };
}
