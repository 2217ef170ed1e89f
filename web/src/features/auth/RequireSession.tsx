import { Button, Result } from "antd";
import { Fragment, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { useSessionQuery, useSetupStatus } from "./api";
import { SessionEndedModal } from "./SessionEndedModal";
import { SessionContext, useCurrentSession } from "./session";

/** Renders children only for a signed-in user; sends everyone else to setup or sign-in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const setup = useSetupStatus();
  const session = useSessionQuery();
  const userId = session.data?.user.id;
  const shownUser = useRef(userId);
  useEffect(() => {
    // Another user signed in over the page (SessionEndedModal): the page below was just rebuilt
    // empty (its key), so nothing of the first user's stays, nor a prompt to discard their input;
    // the first user's page may not be theirs to see, so they start at the start page.
    if (shownUser.current && userId && shownUser.current !== userId) navigate("/", { replace: true });
    shownUser.current = userId;
  }, [userId, navigate]);

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isPending) return <PageSpin fullScreen />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return (
    <SessionContext value={session.data}>
      <Fragment key={session.data.user.id}>{children}</Fragment>
      <SessionEndedModal session={session.data} />
    </SessionContext>
  );
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
