import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { components } from "../../lib/api/schema";

export type ImportBatch = components["schemas"]["ImportBatch"];
export type ImportUpload = components["schemas"]["ImportUpload"];
export type ImportDryRun = components["schemas"]["ImportDryRun"];
export type ImportObjectType = ImportBatch["objectType"];
export type DuplicateMode = "skip" | "update" | "create";
export type ImportChoices = {
  mapping: Record<string, string>;
  duplicates: DuplicateMode;
  validOnly: boolean;
  /** Contacts: the companies the file names that are no customer yet become customers. */
  createCustomers: boolean;
};

export const importKeys = {
  all: ["imports"] as const,
  list: (objectType?: ImportObjectType) => [...importKeys.all, "list", objectType ?? "all"] as const,
  detail: (id: string) => [...importKeys.all, "detail", id] as const,
};

/** A batch whose job is at work (importing or undoing): polled until it is done. */
export const running = (batch: ImportBatch | undefined) =>
  batch?.status === "queued" || batch?.status === "running" || batch?.status === "undoing";

/** The report download, its own columns in the UI's language (a link sends no Accept-Language of ours). */
export const reportUrl = (id: string, lang: string) =>
  `/api/v1/imports/${id}/report.csv?lang=${lang === "zh-CN" ? "zh-CN" : "en"}`;

export function useImportBatches(objectType?: ImportObjectType) {
  return useQuery({
    queryKey: importKeys.list(objectType),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/imports", { params: { query: objectType ? { objectType } : {} }, signal })),
    // A running import or undo in the list moves on its own.
    refetchInterval: (query) => (query.state.data?.data.some(running) ? 1000 : false),
  });
}

/** One batch, polled every second while its job runs (import or undo): the progress bar reads it. */
export function useImportBatch(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ""),
    enabled: Boolean(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/imports/{id}", { params: { path: { id: id ?? "" } }, signal })),
    refetchInterval: (query) => (running(query.state.data) ? 1000 : false),
  });
}

export function useUploadImport() {
  return useMutation({
    mutationFn: ({ file, objectType, encoding }: { file: File; objectType: ImportObjectType; encoding: string }) =>
      unwrap(
        api.POST("/api/v1/imports", {
          params: { query: { objectType, fileName: file.name, encoding: encoding as "auto" } },
          // The file is the body itself, sent as it is (no JSON, no multipart); the route declares no JSON body.
          body: file as never,
          bodySerializer: () => file,
          headers: { "content-type": "application/octet-stream" },
        }),
      ),
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: ({ id, choices }: { id: string; choices: ImportChoices }) =>
      unwrap(api.POST("/api/v1/imports/{id}/dry-run", { params: { path: { id } }, body: choices })),
  });
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, choices }: { id: string; choices: ImportChoices }) =>
      unwrap(api.POST("/api/v1/imports/{id}/run", { params: { path: { id } }, body: choices })),
    onSuccess: (batch) => {
      queryClient.setQueryData(importKeys.detail(batch.id), batch);
      return queryClient.invalidateQueries({ queryKey: importKeys.all });
    },
  });
}

/** Starts the undo (a background job); the batch, now undoing, is polled like a running import. */
export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) =>
      unwrap(
        api.POST("/api/v1/imports/{id}/undo", { params: { path: { id }, query: force ? { force: "true" } : {} } }),
      ),
    onSuccess: (batch) => {
      queryClient.setQueryData(importKeys.detail(batch.id), batch);
      return queryClient.invalidateQueries({ queryKey: importKeys.all });
    },
  });
}

/** The undo's progress: rows dealt with of the rows the import created or updated. */
export const undoProgress = (batch: ImportBatch) => ({
  done: batch.undoneRows,
  total: batch.createdCount + batch.updatedCount,
  percent: Math.floor((batch.undoneRows / Math.max(batch.createdCount + batch.updatedCount, 1)) * 100),
});

/** Removes an import that never ran (a file uploaded, maybe checked, then left). */
export function useDeleteImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE("/api/v1/imports/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.all }),
  });
}
