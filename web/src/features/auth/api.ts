import {
  type Query,
  type QueryClient,
  type QueryFunctionContext,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
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
async function fetchSession({ client }: QueryFunctionContext): Promise<Session | null> {
  const { data, error, response } = await api.GET("/api/v1/auth/session");
  if (response.status === 401) {
    // A check on return to the tab, after the session ended elsewhere: keep the page, ask to sign in.
    const current = client.getQueryData<Session | null>(authKeys.session);
    if (current) {
      sessionLost(client);
      return current;
    }
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

/** Records and lists: everything cached but the session itself. */
const isRecordQuery = (query: Query) => query.queryKey[0] !== "auth";

// The session ended under a signed-in page (a 401): the page stays, a dialog asks to sign in again.
let ended = false;
const endedListeners = new Set<() => void>();
function setEnded(value: boolean) {
  if (ended === value) return;
  ended = value;
  for (const listener of endedListeners) listener();
}

/** Whether the session ended under the page and the user has not signed in again or out yet. */
export const sessionHasEnded = () => ended;

/** sessionHasEnded, as state a component renders from. */
export function useSessionEnded(): boolean {
  return useSyncExternalStore(
    (listener) => {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    () => ended,
  );
}

/**
 * An unexpected 401. Signed in until now: keep the page and what is typed in it, and ask to sign in
 * again (one dialog however many requests failed). Otherwise there is nothing to keep: sign out.
 */
export function sessionLost(queryClient: QueryClient) {
  if (queryClient.getQueryData<Session | null>(authKeys.session)) setEnded(true);
  else endSession(queryClient);
}

function startSession(queryClient: QueryClient, session: Session) {
  const previous = queryClient.getQueryData<Session | null>(authKeys.session);
  setCsrfToken(session.csrfToken);
  if (previous && previous.user.id !== session.user.id) {
    // Someone else signed in over the page: nothing cached for the first user may show to them.
    queryClient.removeQueries({ predicate: isRecordQuery });
  } else if (previous) {
    // The same user again: reload what failed or went stale meanwhile (the page's input stays).
    void queryClient.invalidateQueries({ predicate: isRecordQuery });
  }
  queryClient.setQueryData(authKeys.session, session);
  setEnded(false);
}

/** Drops the session and every cached record, so the next user sees nothing stale. */
export function endSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: isRecordQuery });
  queryClient.setQueryData(authKeys.session, null);
  setEnded(false);
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
