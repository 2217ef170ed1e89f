import { useSearchParams } from "react-router";
import type { CustomerListQuery } from "./api";
import { INDUSTRIES, isOneOf, KINDS, LEVELS, SIZES, SOURCES, STAGES } from "./enums";

export const SORTS = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
] as const satisfies readonly NonNullable<CustomerListQuery["sort"]>[];

export type CustomerSort = (typeof SORTS)[number];

export interface CustomerFilters {
  q?: string;
  kind?: (typeof KINDS)[number];
  industry?: (typeof INDUSTRIES)[number];
  size?: (typeof SIZES)[number];
  level?: (typeof LEVELS)[number];
  source?: (typeof SOURCES)[number];
  lifecycleStage?: (typeof STAGES)[number];
  ownerId?: string;
  tag?: string;
  sort?: CustomerSort;
  trash: boolean;
}

export type FilterKey = Exclude<keyof CustomerFilters, "trash" | "sort" | "q">;

function pick<T extends string>(params: URLSearchParams, name: string, values: readonly T[]) {
  const value = params.get(name);
  return isOneOf(values, value) ? value : undefined;
}

function text(params: URLSearchParams, name: string) {
  return params.get(name)?.trim() || undefined;
}

/**
 * The list's filters live in the URL, so a filtered list can be bookmarked or
 * shared, and coming back from a customer page returns to the same list.
 */
export function useCustomerListParams() {
  const [params, setParams] = useSearchParams();
  const filters: CustomerFilters = {
    q: text(params, "q"),
    kind: pick(params, "kind", KINDS),
    industry: pick(params, "industry", INDUSTRIES),
    size: pick(params, "size", SIZES),
    level: pick(params, "level", LEVELS),
    source: pick(params, "source", SOURCES),
    lifecycleStage: pick(params, "lifecycleStage", STAGES),
    ownerId: text(params, "ownerId"),
    tag: text(params, "tag"),
    sort: pick(params, "sort", SORTS),
    trash: params.get("trash") === "1",
  };

  const update = (changes: Partial<Record<keyof CustomerFilters, string | boolean | undefined>>) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value === undefined || value === "" || value === false) next.delete(name);
          else next.set(name, value === true ? "1" : value);
        }
        return next;
      },
      { replace: true },
    );
  };

  const clearFilters = () =>
    update({
      kind: undefined,
      industry: undefined,
      size: undefined,
      level: undefined,
      source: undefined,
      lifecycleStage: undefined,
      ownerId: undefined,
      tag: undefined,
      q: undefined,
    });

  const activeFilterCount = (
    ["kind", "industry", "size", "level", "source", "lifecycleStage", "ownerId", "tag"] as const
  ).filter((key) => filters[key] !== undefined).length;

  return { filters, update, clearFilters, activeFilterCount };
}

/** The API query for the given filters and page cursor. */
export function toListQuery(filters: CustomerFilters, cursor: string | undefined, limit: number): CustomerListQuery {
  const { trash, ...rest } = filters;
  // Undefined members are fine: neither the query key hash nor the URL keeps them.
  return { ...rest, limit, cursor, ...(trash ? { deleted: "true" } : {}) };
}
