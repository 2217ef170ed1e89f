import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { ResponseOf } from "../../lib/api/types";

export type SearchResult = ResponseOf<"/api/v1/search", "get">;
export type SearchHit = SearchResult["customers"][number];

/** Waits until typing pauses before a value is used, so each keystroke does not cost a request. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Results as you type; the previous answer stays on screen while the next one loads. */
export function useGlobalSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ["search", query],
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/search", { params: { query: { q: query, limit: 6 } }, signal })),
  });
}
