import { useTranslation } from "react-i18next";
import { isApiError } from "../lib/api/errors";

/** Turns any thrown error into a sentence for the user, in the UI language. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!isApiError(error)) return t("errors.network");
    switch (error.code) {
      case "version_conflict":
        return t("errors.versionConflict");
      case "forbidden":
        return t("errors.forbidden");
      case "not_found":
        return t("errors.notFound");
      case "rate_limited":
        return t("errors.rateLimited");
      case "unauthorized":
        return t("errors.unauthorized");
      default:
        if (error.status >= 500) return t("errors.server");
        return error.message || t("errors.unknown");
    }
  };
}
