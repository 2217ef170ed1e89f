import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { toApiError, unwrap } from "../../lib/api/errors";
import type { RequestOf } from "../../lib/api/types";
import { contactApi } from "../contacts/api";
import { customerKeys } from "../customers/api";
import { poolKeys } from "../pool/api";

export type CustomerBulk = RequestOf<"/api/v1/customers/bulk", "post">;
export type ContactBulk = RequestOf<"/api/v1/contacts/bulk", "post">;
export type BulkObject = "customers" | "contacts";

/** The server's cap: a larger selection is refused; narrow the filter. */
export const BULK_LIMIT = 1000;

export function useCustomerBulk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerBulk) => unwrap(api.POST("/api/v1/customers/bulk", { body })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
        queryClient.invalidateQueries({ queryKey: poolKeys.all }),
      ]),
  });
}

export function useContactBulk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBulk) => unwrap(api.POST("/api/v1/contacts/bulk", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactApi.keys.all }),
  });
}

/** Downloads the selected records as a file ("export selected", served by the exports module). */
export async function downloadSelected(
  objectType: BulkObject,
  body: { ids: string[]; format: "csv" | "xlsx"; columns?: string; lang: "zh-CN" | "en" },
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
