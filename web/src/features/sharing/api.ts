import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api/client";
import { unwrap } from "../../lib/api/errors";
import type { components } from "../../lib/api/schema";
import { contactKeys } from "../contacts/api";
import { customerKeys } from "../customers/api";
import { timelineKeys } from "../timeline/api";

export type Member = components["schemas"]["RecordMember"];
export type Access = Member["access"];
/** The objects whose records have team members: their API path segment. */
export type SharedObject = "customers" | "contacts";

const recordKeys = { customers: customerKeys, contacts: contactKeys };
const membersKey = (object: SharedObject, id: string) => [...recordKeys[object].detail(id), "members"] as const;
// Every shared object answers the same members API, under its own path.
const membersPath = (object: SharedObject) => `/api/v1/${object}/{id}/members` as "/api/v1/customers/{id}/members";
const memberPath = (object: SharedObject) =>
  `/api/v1/${object}/{id}/members/{userId}` as "/api/v1/customers/{id}/members/{userId}";

export function useMembers(object: SharedObject, id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...options,
    queryKey: membersKey(object, id),
    queryFn: ({ signal }) =>
      unwrap(api.GET(membersPath(object), { params: { path: { id } }, signal })).then((answer) => answer.data),
  });
}

/** Adds or changes (access) or removes (null) one member; the history changes too. */
export function useSetMember(object: SharedObject, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, access }: { userId: string; access: Access | null }) => {
      const params = { path: { id, userId } };
      const request = access
        ? api.PUT(memberPath(object), { params, body: { access } })
        : api.DELETE(memberPath(object), { params });
      return unwrap(request).then((answer) => answer.data);
    },
    onSuccess: (members) => {
      queryClient.setQueryData(membersKey(object, id), members);
      // A customer's team changes are entries on its timeline too.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys[object].audit(id) }),
        object === "customers" && queryClient.invalidateQueries({ queryKey: timelineKeys.customer(id) }),
      ]);
    },
  });
}
