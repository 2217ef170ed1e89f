import type { Locale } from "./i18n/locale.ts";
import { translate } from "./i18n/translate.ts";

/** The one catalogue of error codes the API answers with, and the HTTP status of each. */
export const errorStatus = {
  invalid_json: 400,
  validation_failed: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  version_conflict: 409,
  conflict: 409,
  already_set_up: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_reference: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorDetail = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
  /** The answer's body, its messages in the caller's language (the code and paths never change). */
  toBody(locale: Locale = "en") {
    const details = this.details.map((d) => ({ path: d.path, message: translate(d.message, locale) }));
    // A message built from its details is built again from the translated ones.
    const message =
      locale !== "en" && details.length > 0 && (this.code === "validation_failed" || this.code === "invalid_reference")
        ? details.map((d) => `${d.path}: ${d.message}`).join("; ")
        : translate(this.message, locale);
    return { error: { code: this.code, message, details } };
  }
}

export const notFound = (what = "Record") => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") => new AppError("forbidden", message);
export const invalidReference = (path: string, message = "refers to a record that does not exist") =>
  new AppError("invalid_reference", `${path} ${message}`, [{ path, message }]);
/** One 400 naming every field that is wrong, each with what is wrong with it. */
export const fieldsFailed = (details: ErrorDetail[]) =>
  new AppError("validation_failed", details.map((d) => `${d.path}: ${d.message}`).join("; "), details);
export const validationFailed = (path: string, message: string) => fieldsFailed([{ path, message }]);
