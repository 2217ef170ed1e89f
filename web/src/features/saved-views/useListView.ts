import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { CURSOR_PARAM, PAGE_PARAM } from "../../lib/listPaging";
import { type SavedView, useSavedViews, type ViewObjectType } from "./api";

/** URL parameters that are not part of what a view saves (the page is where the list is, not what it shows). */
const NOT_SAVED = new Set(["view", "trash", "sort", PAGE_PARAM, CURSOR_PARAM]);

export type SavedFilters = SavedView["filters"];

/** The list's filters as its URL holds them, whatever parameters the list has (custom fields too). */
function filtersOf(params: URLSearchParams): SavedFilters {
  const filters: SavedFilters = {};
  for (const name of new Set(params.keys())) {
    if (NOT_SAVED.has(name)) continue;
    const all = params.getAll(name);
    filters[name] = all.length === 1 ? (all[0] ?? "") : all;
  }
  return filters;
}

const canonical = (filters: SavedFilters) =>
  JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));

/** The column choice outside any view, as each list keeps it (remembered in the browser). */
export interface ColumnChoice {
  visible: string[];
  change: (visible: string[]) => void;
  reset: () => void;
}

/**
 * The list's saved views: which one the URL names (`?view=<id>`), opening it (its filters and sort
 * go into the URL, its columns replace the browser's choice), the user's default view when the
 * list opens bare, and whether the list now differs from the view. Filters and columns are taken
 * as the list has them, so columns and filters added later (custom fields) are saved alike.
 */
export function useListView(objectType: ViewObjectType, columnChoice: ColumnChoice) {
  const [params, setParams] = useSearchParams();
  const views = useSavedViews(objectType);
  const viewId = params.get("view") ?? undefined;
  const current = views.data?.find((view) => view.id === viewId);
  // Columns changed while a view is open stay unsaved until the user saves the view.
  const [columnEdit, setColumnEdit] = useState<{ viewId: string; columns: string[] }>();

  const open = (view: SavedView | undefined, replace = false) => {
    const next = new URLSearchParams();
    if (view) {
      next.set("view", view.id);
      for (const [name, value] of Object.entries(view.filters)) {
        for (const one of Array.isArray(value) ? value : [value]) next.append(name, one);
      }
      if (view.sort) next.set("sort", view.sort);
    }
    setColumnEdit(undefined);
    setParams(next, { replace });
  };

  // On arrival: a link naming only a view opens it; a bare list opens the user's default view;
  // a view that no longer exists (or is not shared with the user) is dropped from the URL.
  const arrived = useRef(false);
  useEffect(() => {
    if (arrived.current || !views.data) return;
    arrived.current = true;
    const bare = [...params.keys()].length === 0;
    const onlyView = viewId !== undefined && [...params.keys()].every((name) => name === "view");
    if (viewId && !current) open(undefined, true);
    else if (onlyView) open(current, true);
    else if (bare) {
      const preferred = views.data.find((view) => view.isDefault);
      if (preferred) open(preferred, true);
    }
  });

  // A view saved without columns (or reset) shows the user's usual columns.
  const columnsOfView = (view: SavedView) => {
    const columns = columnEdit?.viewId === view.id ? columnEdit.columns : view.columns;
    return columns.length ? columns : columnChoice.visible;
  };
  const visible = current ? columnsOfView(current) : columnChoice.visible;
  const filters = filtersOf(params);
  const sort = params.get("sort");
  const modified =
    current !== undefined &&
    (canonical(filters) !== canonical(current.filters) ||
      (sort ?? null) !== current.sort ||
      (columnEdit?.viewId === current.id && columnEdit.columns.join() !== current.columns.join()));

  return {
    views,
    current,
    modified,
    open,
    /** What "save" stores: the list as it is now. */
    snapshot: () => ({ filters: filtersOf(params), sort: params.get("sort"), columns: visible }),
    columns: {
      visible,
      change: (next: string[]) =>
        current ? setColumnEdit({ viewId: current.id, columns: next }) : columnChoice.change(next),
      reset: () => (current ? setColumnEdit({ viewId: current.id, columns: [] }) : columnChoice.reset()),
    },
  };
}

export type ListView = ReturnType<typeof useListView>;
