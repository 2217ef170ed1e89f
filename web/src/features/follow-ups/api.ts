import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { QueryOf, RequestOf, ResponseOf } from "../../lib/api/types";
import { customerKeys } from "../customers/api";
import { timelineKeys } from "../timeline/api";

export type FollowUp = ResponseOf<"/api/v1/follow-ups/{id}", "get">;
export type FollowUpKind = FollowUp["kind"];
export type FollowUpListQuery = QueryOf<"/api/v1/follow-ups", "get">;
export type FollowUpCreateInput = RequestOf<"/api/v1/follow-ups", "post">;
export type FollowUpUpdateInput = RequestOf<"/api/v1/follow-ups/{id}", "patch">;

export const FOLLOW_UP_KINDS = ["call", "meeting", "visit", "email", "note"] as const satisfies readonly FollowUpKind[];

export const followUpKeys = {
  all: ["followUps"] as const,
  lists: () => [...followUpKeys.all, "list"] as const,
  list: (query: FollowUpListQuery) => [...followUpKeys.lists(), query] as const,
  detail: (id: string) => [...followUpKeys.all, "detail", id] as const,
};

export function useFollowUpList(query: FollowUpListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...options,
    queryKey: followUpKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/follow-ups", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** One follow-up, read again whenever a form opens on it (see EditFollowUpButton). */
export function useFollowUp(id: string) {
  return useQuery({
    queryKey: followUpKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/follow-ups/{id}", { params: { path: { id } }, signal })),
    // Read for an edit: each opening starts from what is saved now, however recently it was read.
    refetchOnMount: "always",
  });
}

/** A follow-up changes its customer's timeline and its last/next follow-up: refresh all three. */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return (...customerIds: (string | null)[]) => {
    // One with contacts on their own has no customer: only the lists change.
    const customers = [...new Set(customerIds)].filter((id): id is string => id !== null);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
      ...customers.flatMap((customerId) => [
        queryClient.invalidateQueries({ queryKey: timelineKeys.customer(customerId) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) }),
      ]),
      ...(customers.length > 0 ? [queryClient.invalidateQueries({ queryKey: customerKeys.lists() })] : []),
    ]);
  };
}

export function useCreateFollowUp() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: FollowUpCreateInput; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/follow-ups", { body, params: { header: { "idempotency-key": idempotencyKey } } })),
    onSuccess: (followUp) => refresh(followUp.customerId),
  });
}

export function useUpdateFollowUp() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FollowUpUpdateInput; customerId: string | null }) =>
      unwrap(api.PATCH("/api/v1/follow-ups/{id}", { params: { path: { id } }, body })),
    // New contacts can move a follow-up to another customer: the one it left changes as well.
    onSuccess: (followUp, { customerId }) => refresh(followUp.customerId, customerId),
  });
}

export function useDeleteFollowUp() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: ({ id }: { id: string; customerId: string | null }) =>
      unwrapEmpty(api.DELETE("/api/v1/follow-ups/{id}", { params: { path: { id } } })),
    onSuccess: (_result, { customerId }) => refresh(customerId),
  });
}

/** The contacts of a customer, to link a follow-up to the people it involved (none without a customer). */
export function useCustomerContacts(customerId: string | null) {
  return useQuery({
    queryKey: ["contacts", "list", { customerId, limit: 200 }],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/contacts", { params: { query: { customerId: customerId ?? undefined, limit: 200 } }, signal }),
      ),
    enabled: customerId !== null,
  });
}
