import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { RequestOf, ResponseOf } from "../../lib/api/types";

export type CustomField = ResponseOf<"/api/v1/custom-fields", "get">["data"][number];
export type CustomFieldType = CustomField["type"];
export type CustomFieldOption = CustomField["options"][number];
export type CustomFieldCreate = RequestOf<"/api/v1/custom-fields", "post">;
export type CustomFieldUpdate = RequestOf<"/api/v1/custom-fields/{id}", "patch">;
/** The object types that take custom fields so far; later objects add theirs. */
export type CustomObjectType = "customer" | "contact";

export const customFieldKeys = {
  all: ["customFields"] as const,
  of: (objectType: CustomObjectType, archived = false) => ["customFields", objectType, archived] as const,
};

/**
 * An object's custom fields in display order, active ones unless `archived`. Read by forms, lists and
 * detail pages alike: fetched once and shared.
 */
export function useCustomFields(objectType: CustomObjectType, options: { archived?: boolean } = {}) {
  const archived = options.archived ?? false;
  return useQuery({
    queryKey: customFieldKeys.of(objectType, archived),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/custom-fields", {
          params: { query: { objectType, ...(archived ? { archived: "true" } : {}) } },
          signal,
        }),
      ).then((answer) => answer.data),
    staleTime: 60_000,
  });
}

function useFieldMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
}

export const useCreateCustomField = () =>
  useFieldMutation((body: CustomFieldCreate) => unwrap(api.POST("/api/v1/custom-fields", { body })));

export const useUpdateCustomField = () =>
  useFieldMutation(({ id, body }: { id: string; body: CustomFieldUpdate }) =>
    unwrap(api.PATCH("/api/v1/custom-fields/{id}", { params: { path: { id } }, body })),
  );

export const useSetCustomFieldState = () =>
  useFieldMutation(
    ({ id, action }: { id: string; action: "archive" | "restore" | "delete" }): Promise<unknown> =>
      action === "delete"
        ? unwrapEmpty(api.DELETE("/api/v1/custom-fields/{id}", { params: { path: { id } } }))
        : action === "archive"
          ? unwrap(api.POST("/api/v1/custom-fields/{id}/archive", { params: { path: { id } } }))
          : unwrap(api.POST("/api/v1/custom-fields/{id}/restore", { params: { path: { id } } })),
  );

export const useReorderCustomFields = () =>
  useFieldMutation((body: { objectType: CustomObjectType; ids: string[] }) =>
    unwrapEmpty(api.POST("/api/v1/custom-fields/reorder", { body })),
  );
