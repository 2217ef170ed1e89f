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
import { customerKeys } from "../customers/api";

export type Contact = ResponseOf<"/api/v1/contacts/{id}", "get">;
export type ContactListQuery = QueryOf<"/api/v1/contacts", "get">;
export type ContactCreateInput = RequestOf<"/api/v1/contacts", "post">;
export type ContactUpdateInput = RequestOf<"/api/v1/contacts/{id}", "patch">;
export type ContactAuditEntry = ResponseOf<"/api/v1/contacts/{id}/audit", "get">["data"][number];
export type ContactImportResult = ResponseOf<"/api/v1/contacts/import.vcf", "post">;

export const contactKeys = {
  all: ["contacts"] as const,
  lists: () => [...contactKeys.all, "list"] as const,
  list: (query: ContactListQuery) => [...contactKeys.lists(), query] as const,
  details: () => [...contactKeys.all, "detail"] as const,
  detail: (id: string) => [...contactKeys.details(), id] as const,
  audit: (id: string) => [...contactKeys.all, "audit", id] as const,
};

// A new contact shows on its customer's page (timeline) too.
const customerTimelineKey = customerKeys.all;
const AUDIT_PAGE_SIZE = 20;

export function useContactList(query: ContactListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: contactKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/contacts", { params: { query }, signal })),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function contactQueryOptions(id: string) {
  return queryOptions({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/contacts/{id}", { params: { path: { id } }, signal })),
  });
}

export function useContact(id: string) {
  return useQuery(contactQueryOptions(id));
}

export function useContactAudit(id: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.audit(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/contacts/{id}/audit", {
          params: { path: { id }, query: { limit: AUDIT_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactCreateInput) => unwrap(api.POST("/api/v1/contacts", { body })),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: customerTimelineKey }),
      ]);
    },
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ContactUpdateInput }) =>
      unwrap(api.PATCH("/api/v1/contacts/{id}", { params: { path: { id } }, body })),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      // Making one contact primary changes the customer's others: refresh every list and page.
      return queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
}

/** Moves to the trash, or with `purge` deletes for good (only from the trash). */
export function useDeleteContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, purge = false }: { id: string; purge?: boolean }) =>
      unwrapEmpty(
        api.DELETE("/api/v1/contacts/{id}", {
          params: { path: { id }, query: purge ? { purge: "true" } : undefined },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

export function useRestoreContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/contacts/{id}/restore", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

/** Sends a .vcf file's text; the answer reports each card. */
export function useImportVcf() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ text, skipInvalid }: { text: string; skipInvalid: boolean }) =>
      unwrap(
        api.POST("/api/v1/contacts/import.vcf", {
          params: { query: skipInvalid ? { skipInvalid: "true" } : {} },
          body: text,
          bodySerializer: (body: string) => body,
          headers: { "content-type": "text/vcard; charset=utf-8" },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

/** The export link for the list's current filters: every page, as a .vcf download. */
export function exportVcfUrl(query: ContactListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && key !== "limit" && key !== "cursor") params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1/contacts/export.vcf${search ? `?${search}` : ""}`;
}

/** Customers whose name matches what was typed, for the customer picker. */
export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: customerKeys.list({ q: q || undefined, limit: 20, sort: "name" }),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/customers", { params: { query: { q: q || undefined, limit: 20, sort: "name" } }, signal }),
      ),
    placeholderData: keepPreviousData,
  });
}
