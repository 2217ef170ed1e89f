import { createContext, useContext } from "react";
import type { Session } from "./api";

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only valid below RequireSession. */
export function useCurrentSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useCurrentSession used outside RequireSession");
  return session;
}

/** Whether the session may do `action` in `module` (admins may do everything). */
export function can(session: Session, module: string, action: string): boolean {
  if (session.user.isAdmin) return true;
  return session.permissions[module]?.actions.some((granted) => granted === action) ?? false;
}

export function useCan() {
  const session = useCurrentSession();
  return (module: string, action: string) => can(session, module, action);
}
