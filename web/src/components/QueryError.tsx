import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../lib/api/errors";
import { useErrorMessage } from "./useErrorMessage";

/** Full-width error state for a page whose data could not be loaded. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const status = isApiError(error) && error.status === 404 ? "404" : "error";
  return (
    <Result
      status={status}
      title={status === "404" ? t("errors.notFound") : t("errors.loadFailed")}
      subTitle={describe(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
