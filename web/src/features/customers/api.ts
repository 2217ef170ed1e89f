import {
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { QueryOf, RequestOf, ResponseOf } from "../../lib/api/types";

export type Customer = ResponseOf<"/api/v1/customers/{id}", "get">;
export type CustomerListQuery = QueryOf<"/api/v1/customers", "get">;
export type CustomerCreateInput = RequestOf<"/api/v1/customers", "post">;
export type CustomerUpdateInput = RequestOf<"/api/v1/customers/{id}", "patch">;
export type CustomerPage = ResponseOf<"/api/v1/customers", "get">;
export type AuditEntry = ResponseOf<"/api/v1/customers/{id}/audit", "get">["data"][number];

export const customerKeys = {
  all: ["customers"] as const,
  lists: () => [...customerKeys.all, "list"] as const,
  list: (query: CustomerListQuery) => [...customerKeys.lists(), query] as const,
  details: () => [...customerKeys.all, "detail"] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
  audit: (id: string) => [...customerKeys.all, "audit", id] as const,
};

const AUDIT_PAGE_SIZE = 20;

export function useCustomerList(query: CustomerListQuery) {
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/customers", { params: { query }, signal })),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function customerQueryOptions(id: string) {
  return queryOptions({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/customers/{id}", { params: { path: { id } }, signal })),
  });
}

export function useCustomer(id: string) {
  return useQuery(customerQueryOptions(id));
}

export function useCustomerAudit(id: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.audit(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/customers/{id}/audit", {
          params: { path: { id }, query: { limit: AUDIT_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerCreateInput) => unwrap(api.POST("/api/v1/customers", { body })),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      return queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CustomerUpdateInput }) =>
      unwrap(api.PATCH("/api/v1/customers/{id}", { params: { path: { id } }, body })),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: customerKeys.audit(customer.id) }),
      ]);
    },
  });
}

/** Moves to the trash, or with `purge` deletes for good (only from the trash). */
export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, purge = false }: { id: string; purge?: boolean }) =>
      unwrapEmpty(
        api.DELETE("/api/v1/customers/{id}", {
          params: { path: { id }, query: purge ? { purge: "true" } : undefined },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useRestoreCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/customers/{id}/restore", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}
