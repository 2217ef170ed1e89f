import { keepPreviousData, type QueryKey, useQuery } from "@tanstack/react-query";
import type { components } from "../api/schema";

/** How many records a list shows; `capped`: more than the server counts (10,000), shown as "10,000+". */
export type ListCount = components["schemas"]["ListCount"]["data"];

/** A list's API query as its count takes it: without sort and paging, and without empty values. */
export function countQueryOf<Q extends object>(listQuery: Q): Omit<Q, "sort" | "limit" | "cursor"> {
  const { sort: _sort, limit: _limit, cursor: _cursor, ...rest } = listQuery as Q & Record<string, unknown>;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== "")) as Omit<
    Q,
    "sort" | "limit" | "cursor"
  >;
}

/**
 * The list's total under its list query keys (`[...listKey, "count", query]`), so whatever refreshes
 * the list after a create, a delete or a bulk action counts again. While another filter's count
 * loads, the last one stays (marked as fetching) instead of the line going blank.
 */
export function useListCount<Q extends object>(
  listKey: QueryKey,
  query: Q,
  fetchCount: (query: Q, signal: AbortSignal) => Promise<{ data: ListCount }>,
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    ...options,
    queryKey: [...listKey, "count", query],
    queryFn: async ({ signal }) => (await fetchCount(query, signal)).data,
    placeholderData: keepPreviousData,
  });
}
