import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { RequestOf, ResponseOf } from "../../lib/api/types";

export type OptionList = ResponseOf<"/api/v1/option-lists", "get">["data"][number];
export type OptionValue = OptionList["values"][number];
export type OptionValueCreate = RequestOf<"/api/v1/option-lists/{listKey}/values", "post">;
export type OptionValueUpdate = RequestOf<"/api/v1/option-lists/{listKey}/values/{id}", "patch">;

export const optionListKeys = { all: ["optionLists"] as const };

/** Every option list of the organization; small, read by most screens, so fetched once and shared. */
export function useOptionLists() {
  return useQuery({
    queryKey: optionListKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/option-lists", { signal })).then((answer) => answer.data),
    staleTime: 5 * 60_000,
  });
}

function useOptionListMutation<Input>(run: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: optionListKeys.all }),
  });
}

export const useAddOptionValue = () =>
  useOptionListMutation(({ listKey, body }: { listKey: string; body: OptionValueCreate }) =>
    unwrap(api.POST("/api/v1/option-lists/{listKey}/values", { params: { path: { listKey } }, body })),
  );

export const useUpdateOptionValue = () =>
  useOptionListMutation(({ listKey, id, body }: { listKey: string; id: string; body: OptionValueUpdate }) =>
    unwrap(api.PATCH("/api/v1/option-lists/{listKey}/values/{id}", { params: { path: { listKey, id } }, body })),
  );

const reorderKey = ["optionLists", "order"];

/**
 * Puts a list in a new order: the cache shows it at once, and one PUT per move saves it. Moves run
 * one after another (one scope), so quick successive drops reach the server in the order made; the
 * last one's answer (new versions) goes into the cache, and a failure reloads the lists as saved.
 */
export function useReorderOptionValues() {
  const queryClient = useQueryClient();
  const setValues = (listKey: string, change: (values: OptionValue[]) => OptionValue[]) =>
    queryClient.setQueryData<OptionList[]>(optionListKeys.all, (lists) =>
      lists?.map((list) => (list.key === listKey ? { ...list, values: change(list.values) } : list)),
    );
  return useMutation({
    mutationKey: reorderKey,
    scope: { id: "optionLists.order" },
    mutationFn: ({ listKey, ids }: { listKey: string; ids: string[] }) =>
      unwrap(api.PUT("/api/v1/option-lists/{listKey}/order", { params: { path: { listKey } }, body: { ids } })),
    onMutate: async ({ listKey, ids }) => {
      await queryClient.cancelQueries({ queryKey: optionListKeys.all, exact: true });
      setValues(listKey, (values) => {
        const byId = new Map(values.map((value) => [value.id, value]));
        return ids.flatMap((id) => byId.get(id) ?? []);
      });
    },
    onSuccess: (saved, { listKey }) => {
      // A later move still waiting would be undone by this answer; its own answer comes next.
      if (queryClient.isMutating({ mutationKey: reorderKey }) === 1) setValues(listKey, () => saved.values);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: optionListKeys.all }),
  });
}
