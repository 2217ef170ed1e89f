import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { AuthShell } from "./AuthShell";
import { useSessionQuery, useSetupStatus } from "./api";
import { LoginForm } from "./LoginForm";

/** Where to go after signing in: back to the page that sent us here, if any. */
function redirectTarget(state: unknown): string {
  if (typeof state === "object" && state !== null && "from" in state) {
    const from = state.from;
    // Only same-app paths: never bounce to another origin.
    if (typeof from === "string" && from.startsWith("/") && !from.startsWith("//")) return from;
  }
  return "/customers";
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const setup = useSetupStatus();
  const session = useSessionQuery();

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isPending) return <PageSpin fullScreen />;
  // Signed in, by this form or before: on to the page that sent us here.
  if (session.data) return <Navigate to={redirectTarget(location.state)} replace />;

  return (
    <AuthShell title={t("auth.signInTitle")}>
      <LoginForm />
    </AuthShell>
  );
}
