import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { components } from "../../lib/api/schema";
import type { QueryOf } from "../../lib/api/types";
import { countQueryOf, useListCount } from "../../lib/records/useListCount";
import { contactKeys } from "../contacts/api";
import { customerKeys } from "../customers/api";
import { timelineKeys } from "../timeline/api";

export type PoolListQuery = QueryOf<"/api/v1/pool/customers", "get">;
/** A customer in the pool, with why it is there and whose it was. */
export type PoolCustomer = components["schemas"]["PoolCustomer"];
export type PoolSettings = components["schemas"]["PoolSettings"];
export type PoolSettingsUpdate = components["schemas"]["PoolSettingsUpdate"];
export type ReclaimRule = components["schemas"]["ReclaimRule"];
/** What a release or a transfer answers: whether the caller still sees the customer. */
export type OwnerChangeResult = components["schemas"]["OwnerChangeResult"];

export const poolKeys = {
  all: ["pool"] as const,
  list: (query: PoolListQuery) => ["pool", "list", query] as const,
  settings: ["pool", "settings"] as const,
};

/**
 * A pool customer's page: kept apart from poolKeys, so that a claim, which refreshes the pool, does
 * not reload the page it leaves (whose customer then has an owner: a 404).
 */
export const poolCustomerKeys = {
  all: ["poolCustomer"] as const,
  customer: (id: string) => ["poolCustomer", id] as const,
  contacts: (id: string) => ["poolCustomer", id, "contacts"] as const,
  timeline: (id: string, kinds: readonly string[]) => ["poolCustomer", id, "timeline", kinds] as const,
};

/** A customer in the pool, with why it is there: 404 once it has an owner. */
export function usePoolCustomer(id: string) {
  return useQuery({
    queryKey: poolCustomerKeys.customer(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/pool/customers/{id}", { params: { path: { id } }, signal })),
  });
}

const CONTACTS_SHOWN = 50;

/** The pool customer's contacts, by name (the first 50: a customer seldom has more). */
export function usePoolCustomerContacts(id: string, enabled: boolean) {
  return useQuery({
    queryKey: poolCustomerKeys.contacts(id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/pool/customers/{id}/contacts", {
          params: { path: { id }, query: { limit: CONTACTS_SHOWN } },
          signal,
        }),
      ),
    enabled,
  });
}

const TIMELINE_PAGE = 20;

/** The pool customer's timeline, newest first; `kinds` empty means every kind. */
export function usePoolCustomerTimeline(id: string, kinds: readonly string[]) {
  return useInfiniteQuery({
    queryKey: poolCustomerKeys.timeline(id, kinds),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/pool/customers/{id}/timeline", {
          params: {
            path: { id },
            query: { limit: TIMELINE_PAGE, cursor: pageParam, kinds: kinds.length ? kinds.join(",") : undefined },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** How many customers the pool shows with this query's search and filters (its sort and page aside). */
export const usePoolCount = (query: PoolListQuery) =>
  useListCount([...poolKeys.all, "list"], countQueryOf(query), (countQuery, signal) =>
    unwrap(api.GET("/api/v1/pool/customers/count", { params: { query: countQuery }, signal })),
  );

export function usePoolList(query: PoolListQuery) {
  return useQuery({
    queryKey: poolKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/pool/customers", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePoolSettings(enabled = true) {
  return useQuery({
    queryKey: poolKeys.settings,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/pool/settings", { signal })),
    enabled,
  });
}

/**
 * Why the caller may not claim now: at the claim limit, the reason to show by the Claim button
 * (which is disabled then, rather than clickable into an error). Null while it may claim.
 */
export function useClaimBlocked(enabled = true): string | null {
  const { t } = useTranslation();
  const settings = usePoolSettings(enabled).data;
  if (!settings || settings.maxOwnedCustomers === null || settings.ownedByMe < settings.maxOwnedCustomers) return null;
  return t("pool.limitReached", { owned: settings.ownedByMe, limit: settings.maxOwnedCustomers });
}

/** After an owner changes: the pool, the customer lists, the customer itself and its timeline are stale. */
function useRefreshOwnership() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: poolKeys.all }),
      queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      queryClient.invalidateQueries({ queryKey: timelineKeys.all }),
    ]);
}

/** The customer's contacts changed owner with it: lists fetch them anew when next shown, not on this page. */
const contactsMoved = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: contactKeys.lists(), refetchType: "none" });

/**
 * After a release or a transfer from the customer's page: when the server says the caller still sees
 * the customer (`visible`), they stay on its page, where everything refreshes. Otherwise they leave
 * the page and only the lists refresh: its own queries, fetched again, would answer 404
 * (forgetCustomer drops them once the page is gone).
 */
function useRefreshAfterOwnerChange() {
  const queryClient = useQueryClient();
  const refreshAll = useRefreshOwnership();
  return ({ visible }: OwnerChangeResult) =>
    Promise.all([
      visible
        ? refreshAll()
        : Promise.all([
            queryClient.invalidateQueries({ queryKey: poolKeys.all }),
            queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
          ]),
      contactsMoved(queryClient),
    ]);
}

/** Drops a customer the caller no longer sees, with its team, history and timeline: opened again, it loads anew. */
export function forgetCustomer(queryClient: QueryClient, id: string) {
  for (const queryKey of [customerKeys.detail(id), customerKeys.audit(id), timelineKeys.customer(id)]) {
    queryClient.removeQueries({ queryKey });
  }
}

export function useUpdatePoolSettings() {
  const refresh = useRefreshOwnership();
  return useMutation({
    mutationFn: (body: PoolSettingsUpdate) => unwrap(api.PUT("/api/v1/pool/settings", { body })),
    onSuccess: refresh,
  });
}

export function useClaimCustomer() {
  const refresh = useRefreshOwnership();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/pool/customers/{id}/claim", { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useReleaseCustomer() {
  const refresh = useRefreshAfterOwnerChange();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST("/api/v1/customers/{id}/release", { params: { path: { id } }, body: { reason } })),
    onSuccess: refresh,
  });
}

export function useTransferCustomer() {
  const refresh = useRefreshAfterOwnerChange();
  return useMutation({
    mutationFn: ({ id, ownerId, reason }: { id: string; ownerId: string; reason: string }) =>
      unwrap(api.POST("/api/v1/customers/{id}/transfer", { params: { path: { id } }, body: { ownerId, reason } })),
    onSuccess: refresh,
  });
}
