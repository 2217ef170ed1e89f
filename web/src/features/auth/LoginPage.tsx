import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isApiError } from "../../lib/api/errors";
import { AuthShell } from "./AuthShell";
import { type LoginInput, useLogin, useSessionQuery, useSetupStatus } from "./api";

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
  const navigate = useNavigate();
  const location = useLocation();
  const setup = useSetupStatus();
  const session = useSessionQuery();
  const login = useLogin();
  const describe = useErrorMessage();

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isPending) return <PageSpin fullScreen />;
  if (session.data && !login.isPending) return <Navigate to={redirectTarget(location.state)} replace />;

  const errorText = (() => {
    if (!login.error) return null;
    if (isApiError(login.error) && login.error.status === 401) return t("auth.invalidCredentials");
    if (isApiError(login.error) && login.error.status === 429) return t("auth.tooManyAttempts");
    return describe(login.error);
  })();

  return (
    <AuthShell title={t("auth.signInTitle")}>
      <Form<LoginInput>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          login.mutate(values, {
            onSuccess: () => navigate(redirectTarget(location.state), { replace: true }),
          })
        }
      >
        {errorText && <Alert type="error" showIcon title={errorText} role="alert" style={{ marginBottom: 16 }} />}
        <Form.Item
          label={t("auth.email")}
          name="email"
          rules={[{ required: true, type: "email", message: t("validation.email") }]}
        >
          <Input autoComplete="username" inputMode="email" data-testid="login-email" autoFocus />
        </Form.Item>
        <Form.Item
          label={t("auth.password")}
          name="password"
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t("auth.signIn")}
        </Button>
      </Form>
    </AuthShell>
  );
}
