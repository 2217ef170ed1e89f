import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { RequestOf, ResponseOf } from "../../lib/api/types";

export type SavedView = ResponseOf<"/api/v1/saved-views", "get">["data"][number];
export type SavedViewCreate = RequestOf<"/api/v1/saved-views", "post">;
export type SavedViewUpdate = RequestOf<"/api/v1/saved-views/{id}", "patch">;
export type ViewObjectType = SavedViewCreate["objectType"];

export const savedViewKeys = {
  all: ["savedViews"] as const,
  list: (objectType: ViewObjectType) => ["savedViews", objectType] as const,
};

export function useSavedViews(objectType: ViewObjectType) {
  return useQuery({
    queryKey: savedViewKeys.list(objectType),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/saved-views", { params: { query: { objectType } }, signal })).then((a) => a.data),
  });
}

function useViewMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.all }),
  });
}

export const useCreateView = () =>
  useViewMutation((body: SavedViewCreate) => unwrap(api.POST("/api/v1/saved-views", { body })));

export const useUpdateView = () =>
  useViewMutation(({ id, body }: { id: string; body: SavedViewUpdate }) =>
    unwrap(api.PATCH("/api/v1/saved-views/{id}", { params: { path: { id } }, body })),
  );

export const useDeleteView = () =>
  useViewMutation((id: string) => unwrapEmpty(api.DELETE("/api/v1/saved-views/{id}", { params: { path: { id } } })));

export const useSetDefaultView = () =>
  useViewMutation((body: { objectType: ViewObjectType; viewId: string | null }) =>
    unwrapEmpty(api.PUT("/api/v1/saved-views/default", { body })),
  );
