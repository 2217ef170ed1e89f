import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { components } from "../../lib/api/schema";
import { customerKeys } from "../customers/api";

export type Member = components["schemas"]["RecordMember"];
export type Access = Member["access"];

const membersKey = (customerId: string) => [...customerKeys.detail(customerId), "members"] as const;

export function useCustomerMembers(customerId: string) {
  return useQuery({
    queryKey: membersKey(customerId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/customers/{id}/members", { params: { path: { id: customerId } }, signal })).then(
        (answer) => answer.data,
      ),
  });
}

/** Adds or changes (access) or removes (null) one member; the history changes too. */
export function useSetMember(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, access }: { userId: string; access: Access | null }) => {
      const params = { path: { id: customerId, userId } };
      const request = access
        ? api.PUT("/api/v1/customers/{id}/members/{userId}", { params, body: { access } })
        : api.DELETE("/api/v1/customers/{id}/members/{userId}", { params });
      return unwrap(request).then((answer) => answer.data);
    },
    onSuccess: (members) => {
      queryClient.setQueryData(membersKey(customerId), members);
      return queryClient.invalidateQueries({ queryKey: customerKeys.audit(customerId) });
    },
  });
}
