import { App } from "antd";
import { sessionHasEnded } from "../features/auth/api";
import { isApiError } from "../lib/api/errors";
import { useErrorMessage } from "./useErrorMessage";

/**
 * Shows a failed request's error as a message, in the UI's language. Not a session that ended under
 * the page: its own dialog asks to sign in again, and a message beside it would say it twice.
 */
export function useShowError() {
  const { message } = App.useApp();
  const describe = useErrorMessage();
  return (error: unknown) => {
    if (isApiError(error) && error.code === "unauthorized" && sessionHasEnded()) return;
    message.error(describe(error));
  };
}
