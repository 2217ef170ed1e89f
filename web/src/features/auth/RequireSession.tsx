import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { useSessionQuery, useSetupStatus } from "./api";
import { SessionContext, useCurrentSession } from "./session";

/** Renders children only for a signed-in user; sends everyone else to setup or sign-in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const setup = useSetupStatus();
  const session = useSessionQuery();

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isPending) return <PageSpin fullScreen />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <SessionContext value={session.data}>{children}</SessionContext>;
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useCurrentSession();
  if (session.user.isAdmin) return children;
  return (
    <Result
      status="403"
      title={t("errors.forbiddenTitle")}
      subTitle={t("errors.adminOnly")}
      extra={
        <Button type="primary" onClick={() => navigate("/customers")}>
          {t("nav.backToCustomers")}
        </Button>
      }
    />
  );
}
