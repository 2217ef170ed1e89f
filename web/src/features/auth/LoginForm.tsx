import { Alert, Button, Form, Input, type InputRef } from "antd";
import type { ReactNode, Ref } from "react";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isApiError } from "../../lib/api/errors";
import { type LoginInput, useLogin } from "./api";

/**
 * Email, password and "Sign in": the login page's, and the dialog's that asks to sign in again
 * when a session ends under a page. A success starts the session (useLogin); the caller reacts to it.
 */
export function LoginForm({
  email,
  passwordRef,
  after,
}: {
  /** Filled in (signing in again); otherwise the email field takes the focus. */
  email?: string;
  passwordRef?: Ref<InputRef>;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const login = useLogin();
  const describe = useErrorMessage();

  const errorText = (() => {
    if (!login.error) return null;
    if (isApiError(login.error) && login.error.status === 401) return t("auth.invalidCredentials");
    if (isApiError(login.error) && login.error.status === 429) return t("auth.tooManyAttempts");
    return describe(login.error);
  })();

  return (
    <Form<LoginInput>
      layout="vertical"
      requiredMark={false}
      initialValues={{ email }}
      onFinish={(values) => login.mutate(values)}
    >
      {errorText && <Alert type="error" showIcon title={errorText} role="alert" style={{ marginBottom: 16 }} />}
      <Form.Item
        label={t("auth.email")}
        name="email"
        rules={[{ required: true, type: "email", message: t("validation.email") }]}
      >
        <Input autoFocus={!email} autoComplete="username" inputMode="email" data-testid="login-email" />
      </Form.Item>
      <Form.Item
        label={t("auth.password")}
        name="password"
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Input.Password ref={passwordRef} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t("auth.signIn")}
      </Button>
      {after}
    </Form>
  );
}
