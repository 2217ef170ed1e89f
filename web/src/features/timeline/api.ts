import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { ResponseOf } from "../../lib/api/types";

export type TimelineEntry = ResponseOf<"/api/v1/customers/{id}/timeline", "get">["data"][number];

export const timelineKeys = {
  all: ["timeline"] as const,
  customer: (customerId: string) => [...timelineKeys.all, customerId] as const,
  page: (customerId: string, kinds: readonly string[]) => [...timelineKeys.customer(customerId), kinds] as const,
};

const PAGE_SIZE = 20;

/** A customer's merged timeline, newest first; `kinds` empty means every kind. */
export function useCustomerTimeline(customerId: string, kinds: readonly string[]) {
  return useInfiniteQuery({
    queryKey: timelineKeys.page(customerId, kinds),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/customers/{id}/timeline", {
          params: {
            path: { id: customerId },
            query: { limit: PAGE_SIZE, cursor: pageParam, kinds: kinds.length ? kinds.join(",") : undefined },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
