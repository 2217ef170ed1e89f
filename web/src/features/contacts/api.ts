import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { ResponseOf } from "../../lib/api/types";
import {
  createRecordApi,
  recordDetailOptions,
  useCreateRecord,
  useDeleteRecord,
  useRecord,
  useRecordAudit,
  useRecordList,
  useRestoreRecord,
  useUpdateRecord,
} from "../../lib/records/createRecordApi";
import type { AuditEntry, RecordTypesOf } from "../../lib/records/types";
import { countQueryOf, useListCount } from "../../lib/records/useListCount";
import { customerKeys } from "../customers/api";
import { timelineKeys } from "../timeline/api";

type ContactTypes = RecordTypesOf<"contacts">;
export type Contact = ContactTypes["record"];
export type ContactListQuery = ContactTypes["listQuery"];
export type ContactCreateInput = ContactTypes["createInput"];
export type ContactUpdateInput = ContactTypes["updateInput"];
export type ContactAuditEntry = AuditEntry;
export type ContactImportResult = ResponseOf<"/api/v1/contacts/import.vcf", "post">;

export const contactApi = createRecordApi<ContactTypes, "contacts">(
  "contacts",
  {
    list: (query, signal) => unwrap(api.GET("/api/v1/contacts", { params: { query }, signal })),
    get: (id, signal) => unwrap(api.GET("/api/v1/contacts/{id}", { params: { path: { id } }, signal })),
    create: (body) => unwrap(api.POST("/api/v1/contacts", { body })),
    update: (id, body) => unwrap(api.PATCH("/api/v1/contacts/{id}", { params: { path: { id } }, body })),
    remove: (id, purge) =>
      unwrapEmpty(
        api.DELETE("/api/v1/contacts/{id}", { params: { path: { id }, query: purge ? { purge: "true" } : undefined } }),
      ),
    restore: (id) => unwrap(api.POST("/api/v1/contacts/{id}/restore", { params: { path: { id } } })),
    audit: (id, query, signal) =>
      unwrap(api.GET("/api/v1/contacts/{id}/audit", { params: { path: { id }, query }, signal })),
  },
  {
    // A new contact shows on its customer's page (timeline) too. A new primary one takes the badge
    // from the contact that had it, whose page may be cached: refresh every contact's.
    invalidateAfterCreate: (keys, contact) => [
      contact.isPrimary ? keys.all : keys.lists(),
      customerKeys.all,
      timelineKeys.all,
    ],
    // Making one contact primary changes the customer's others: refresh every list and page, and
    // the timeline, which shows the contact's name.
    invalidateAfterUpdate: (keys) => [keys.all, timelineKeys.all],
    // A trashed contact leaves its customer's timeline; a restored one comes back.
    invalidateAfterTrash: (keys) => [keys.all, timelineKeys.all],
  },
);

export const contactKeys = contactApi.keys;
export const contactQueryOptions = (id: string) => recordDetailOptions(contactApi, id);
/** How many contacts the list shows with this query's search and filters (its sort and page aside). */
export const useContactCount = (query: ContactListQuery) =>
  useListCount(contactKeys.lists(), countQueryOf(query), (countQuery, signal) =>
    unwrap(api.GET("/api/v1/contacts/count", { params: { query: countQuery }, signal })),
  );
export const useContactList = (query: ContactListQuery, options: { enabled?: boolean } = {}) =>
  useRecordList(contactApi, query, options);
export const useContact = (id: string) => useRecord(contactApi, id);
export const useContactAudit = (id: string) => useRecordAudit(contactApi, id);
export const useCreateContact = () => useCreateRecord(contactApi);
export const useUpdateContact = () => useUpdateRecord(contactApi);
/** Moves to the trash, or with `purge` deletes for good (only from the trash). */
export const useDeleteContact = () => useDeleteRecord(contactApi);
export const useRestoreContact = () => useRestoreRecord(contactApi);

/** Sends a .vcf file as its bytes (UTF-8 or GBK, told apart by the server); the answer reports each card. */
export type VcfDuplicateMode = "skip" | "update" | "create";

export function useImportVcf() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      bytes,
      skipInvalid,
      duplicates,
    }: {
      bytes: ArrayBuffer;
      skipInvalid: boolean;
      duplicates: VcfDuplicateMode;
    }) =>
      unwrap(
        api.POST("/api/v1/contacts/import.vcf", {
          params: { query: { duplicates, ...(skipInvalid ? { skipInvalid: "true" } : {}) } },
          // The file's bytes as they are: the server tells UTF-8 from GBK, which decoding here would destroy.
          body: bytes as never,
          bodySerializer: () => new Blob([bytes], { type: "text/vcard" }),
          headers: { "content-type": "text/vcard" },
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
