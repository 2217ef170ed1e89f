import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { toApiError, unwrap } from "../../lib/api/errors";
import { NDJSON, type Progress, readProgress } from "../../lib/api/progress";
import type { RequestOf, ResponseOf } from "../../lib/api/types";
import { contactApi } from "../contacts/api";
import { customerKeys } from "../customers/api";
import { poolKeys } from "../pool/api";
import { timelineKeys } from "../timeline/api";

export type CustomerBulk = RequestOf<"/api/v1/customers/bulk", "post">;
export type ContactBulk = RequestOf<"/api/v1/contacts/bulk", "post">;
export type BulkObject = "customers" | "contacts";
export type BulkResult = ResponseOf<"/api/v1/customers/bulk", "post">;
export type BulkCount = ResponseOf<"/api/v1/customers/bulk/count", "post">;
type CustomerFilter = RequestOf<"/api/v1/customers/bulk/count", "post">["filter"];
type ContactFilter = RequestOf<"/api/v1/contacts/bulk/count", "post">["filter"];
type OnProgress = (progress: Progress) => void;

/** Asks for progress lines (docs/decisions/0010-bulk-progress.md) and reads them as they come. */
const withProgress = { parseAs: "stream", headers: { accept: NDJSON } } as const;

async function readBulk(
  request: Promise<{ data?: ReadableStream<Uint8Array> | null; error?: unknown; response: Response }>,
  onProgress: OnProgress,
): Promise<BulkResult> {
  const { data, error, response } = await request;
  if (error !== undefined || !response.ok || !data) throw toApiError(error, response);
  return readProgress<BulkResult>(response, data, onProgress);
}

/** The server's cap: a larger selection is refused; narrow the filter. */
export const BULK_LIMIT = 1000;

export function useCustomerBulk(onProgress: OnProgress) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerBulk) =>
      readBulk(api.POST("/api/v1/customers/bulk", { body, ...withProgress }), onProgress),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
        queryClient.invalidateQueries({ queryKey: poolKeys.all }),
        queryClient.invalidateQueries({ queryKey: timelineKeys.all }),
      ]),
  });
}

export function useContactBulk(onProgress: OnProgress) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBulk) =>
      readBulk(api.POST("/api/v1/contacts/bulk", { body, ...withProgress }), onProgress),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: contactApi.keys.all }),
        // A customer's timeline lists its contacts.
        queryClient.invalidateQueries({ queryKey: timelineKeys.all }),
      ]),
  });
}

/**
 * How many records a bulk action on all that match `filter` would change (count > limit: more than
 * the server takes at once). Kept under the object's own keys, so any change to its records, and a
 * bulk action above all, counts again; another filter is another query.
 */
export function useBulkCount(objectType: BulkObject, filter: Record<string, unknown>, enabled: boolean) {
  return useQuery({
    queryKey: [...(objectType === "customers" ? customerKeys.all : contactApi.keys.all), "bulkCount", filter],
    queryFn: ({ signal }) =>
      objectType === "customers"
        ? unwrap(api.POST("/api/v1/customers/bulk/count", { body: { filter: filter as CustomerFilter }, signal }))
        : unwrap(api.POST("/api/v1/contacts/bulk/count", { body: { filter: filter as ContactFilter }, signal })),
    enabled,
  });
}

/** Downloads the selected records as a file ("export selected", served by the exports module). */
export async function downloadSelected(
  objectType: BulkObject,
  body: { ids: string[]; format: "csv" | "xlsx"; columns?: string[]; lang: "zh-CN" | "en" },
) {
  const path = objectType === "customers" ? "/api/v1/exports/customers/selected" : "/api/v1/exports/contacts/selected";
  const { data, error, response } = await api.POST(path, { body, parseAs: "blob" });
  if (error !== undefined || !response.ok || !(data instanceof Blob)) throw toApiError(error, response);
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${objectType}.${body.format}`;
  link.click();
  URL.revokeObjectURL(url);
}
