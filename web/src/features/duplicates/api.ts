import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { components } from "../../lib/api/schema";

export type DuplicateObjectType = "customer" | "contact";
export type DuplicateRule = components["schemas"]["DuplicateRule"];
export type DuplicateMatch = components["schemas"]["DuplicateMatch"];
export type DuplicateGroup = components["schemas"]["DuplicateGroup"];
export type MergeInput = components["schemas"]["DuplicateMerge"];

export const duplicateKeys = {
  all: ["duplicates"] as const,
  rules: (objectType: DuplicateObjectType) => ["duplicates", "rules", objectType] as const,
  groups: (objectType: DuplicateObjectType, dismissed = false) =>
    ["duplicates", "groups", objectType, { dismissed }] as const,
};

/** The likely duplicates of a draft (or of a record, leaving itself out). */
export const checkDuplicates = (objectType: DuplicateObjectType, record: Record<string, unknown>, excludeId?: string) =>
  unwrap(api.POST("/api/v1/duplicates/check", { body: { objectType, record, excludeId } })).then((r) => r.matches);

export const useDuplicateRules = (objectType: DuplicateObjectType) =>
  useQuery({
    queryKey: duplicateKeys.rules(objectType),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/duplicate-rules", { params: { query: { objectType } }, signal })).then((r) => r.data),
  });

export function useUpdateDuplicateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; match?: "exact" | "fuzzy"; active?: boolean }) =>
      unwrap(api.PATCH("/api/v1/duplicate-rules/{id}", { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: duplicateKeys.all }),
  });
}

/** The finder's groups; with `dismissed`, the ones dismissed as not duplicates instead. */
export const useDuplicateGroups = (objectType: DuplicateObjectType, dismissed = false) =>
  useInfiniteQuery({
    queryKey: duplicateKeys.groups(objectType, dismissed),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/duplicates/groups", {
          params: { query: { objectType, dismissed: dismissed ? "true" : undefined, limit: 20, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** "Not duplicates": the finder stops listing the group (until a record joins it). */
export function useDismissGroup(objectType: DuplicateObjectType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (group: DuplicateGroup) =>
      unwrap(
        api.POST("/api/v1/duplicates/{objectType}/dismissals", {
          params: { path: { objectType } },
          // Every key the group lists, all dismissed together.
          body: { matches: group.matches, ids: group.recordIds },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["duplicates", "groups", objectType] }),
  });
}

/** Takes a group's dismissals back (one a key, all or none): the group is listed again. */
export function useRestoreGroup(objectType: DuplicateObjectType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dismissalIds: string[]) =>
      unwrapEmpty(
        api.POST("/api/v1/duplicates/{objectType}/dismissals/restore", {
          params: { path: { objectType } },
          body: { ids: dismissalIds },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["duplicates", "groups", objectType] }),
  });
}

export function useMergeRecords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MergeInput) => unwrap(api.POST("/api/v1/duplicates/merge", { body })),
    // Every list and record of the merged type and of what moved (contacts, follow-ups, tasks) changed.
    // Not awaited: a merged-away record's page would refetch into "not found" and unmount the dialog
    // before its own onSuccess (the toast, showing the survivor) could run.
    onSuccess: () => {
      void queryClient.invalidateQueries();
    },
  });
}
