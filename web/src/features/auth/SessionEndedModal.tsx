import { Button, type InputRef, Modal, Typography } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { type Session, useLogout, useSessionEnded } from "./api";
import { LoginForm } from "./LoginForm";

/**
 * The session ended under the page (a 401): sign in again over it, and what was typed stays to be
 * saved again (the failed request is not re-sent: a POST may not be safe to repeat). Signing in
 * closes it (startSession); "Sign out" leaves for the login page, as an ended session did before.
 */
export function SessionEndedModal({ session }: { session: Session }) {
  const { t } = useTranslation();
  const open = useSessionEnded();
  const logout = useLogout();
  const password = useRef<InputRef>(null);
  return (
    <Modal
      open={open}
      title={t("auth.sessionEnded.title")}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={null}
      destroyOnHidden
      // The email is filled in: the password is what to type (the dialog focuses its first field).
      afterOpenChange={(opened) => opened && password.current?.focus()}
    >
      <Typography.Paragraph data-testid="session-ended">{t("auth.sessionEnded.text")}</Typography.Paragraph>
      <LoginForm
        email={session.user.email}
        passwordRef={password}
        after={
          <Button
            block
            style={{ marginTop: 8 }}
            loading={logout.isPending}
            onClick={() => logout.mutate()}
            data-testid="session-ended-sign-out"
          >
            {t("auth.signOut")}
          </Button>
        }
      />
    </Modal>
  );
}
