import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "../../lib/api/client";
import { toApiError, unwrap, unwrapEmpty } from "../../lib/api/errors";
import type { RequestOf, ResponseOf } from "../../lib/api/types";

export type Session = ResponseOf<"/api/v1/auth/session", "get">;
export type SetupInput = RequestOf<"/api/v1/setup", "post">;
export type LoginInput = RequestOf<"/api/v1/auth/login", "post">;

export const authKeys = {
  session: ["auth", "session"] as const,
  setup: ["auth", "setup"] as const,
};

/** The signed-in session, or null when nobody is signed in (401). */
async function fetchSession(): Promise<Session | null> {
  const { data, error, response } = await api.GET("/api/v1/auth/session");
  if (response.status === 401) {
    setCsrfToken(null);
    return null;
  }
  if (error !== undefined || data === undefined) throw toApiError(error, response);
  setCsrfToken(data.csrfToken);
  return data;
}

export function useSessionQuery() {
  return useQuery({ queryKey: authKeys.session, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: authKeys.setup,
    queryFn: () => unwrap(api.GET("/api/v1/setup")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function startSession(queryClient: QueryClient, session: Session) {
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData(authKeys.session, session);
}

/** Drops the session and every cached record, so the next user sees nothing stale. */
export function endSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
  queryClient.setQueryData(authKeys.session, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => unwrap(api.POST("/api/v1/auth/login", { body })),
    onSuccess: (session) => startSession(queryClient, session),
  });
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupInput) => unwrap(api.POST("/api/v1/setup", { body })),
    onSuccess: (session) => {
      queryClient.setQueryData(authKeys.setup, { needed: false });
      startSession(queryClient, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.POST("/api/v1/auth/logout")),
    // Signed out locally even if the server call failed: the user asked to leave.
    onSettled: () => endSession(queryClient),
  });
}
