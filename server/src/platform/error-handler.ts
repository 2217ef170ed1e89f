import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { zhCN } from "zod/locales";
import { AppError, type ErrorDetail } from "./errors.ts";
import { type Locale, requestLocale } from "./i18n/locale.ts";
import { hasTranslation, translate } from "./i18n/translate.ts";

type PgError = { code?: string; constraint?: string; detail?: string };

function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("invalid_json", `The request body is not valid JSON: ${error.message}`);
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", "The request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "Send JSON with Content-Type: application/json");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("invalid_json", "Content-Length does not match the body");
  }
  if (error instanceof SyntaxError) return new AppError("invalid_json", "The request body is not valid JSON");
  if (error.statusCode === 429) return new AppError("rate_limited", "Too many requests; try again later");
  return null;
}

function fromDatabaseError(error: PgError): AppError | null {
  // Constraint violations that slipped past the service's own checks: still the caller's fault.
  if (error.code === "23505") return new AppError("conflict", "A record with the same unique value already exists");
  if (error.code === "23503") return new AppError("invalid_reference", "A referenced record does not exist");
  return null;
}

/** The AppError an error answers as, or null for one that is not the caller's fault (a logged 500). */
export function knownError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (typeof error !== "object" || error === null) return null;
  const e = error as FastifyError & PgError;
  return fromFastifyError(e) ?? fromDatabaseError(e);
}

const zodChinese = zhCN().localeError;

/**
 * A schema issue's message in the caller's language: ours (a custom check's, or a check given our
 * own words) through the catalog, as toBody does for the rest; zod's own Chinese for the others.
 */
function zodMessage(v: { keyword: string; message?: string; params: object }, locale: Locale): string {
  const message = v.message ?? "is not valid";
  if (locale === "en" || v.keyword === "custom" || hasTranslation(message)) return translate(message, locale);
  const chinese = zodChinese({ code: v.keyword, message, ...v.params } as never);
  return (typeof chinese === "string" ? chinese : chinese?.message) ?? message;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & PgError, request, reply) => {
    const locale = requestLocale(request);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      const details: ErrorDetail[] = error.validation.flatMap((v) => {
        const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
        // An unknown field is reported on its parent; name the field itself.
        const unknownKeys = (v.params as { keys?: string[] }).keys ?? [];
        if (v.keyword === "unrecognized_keys" && unknownKeys.length > 0) {
          return unknownKeys.map((key) => ({ path: path ? `${path}.${key}` : key, message: "is not a known field" }));
        }
        // A parameter given twice arrives as a list: say so, not "expected number, received NaN".
        const raw =
          where === "querystring" ? (request.query as Record<string, unknown> | undefined)?.[path] : undefined;
        if (Array.isArray(raw) && (v.keyword === "invalid_type" || v.keyword === "invalid_value")) {
          return [{ path, message: translate("is given more than once", locale) }];
        }
        return [{ path: path || where, message: zodMessage(v, locale) }];
      });
      const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
      return reply
        .status(400)
        .send(new AppError("validation_failed", `Invalid ${where}: ${summary}`, details).toBody(locale));
    }
    const known = knownError(error);
    if (known) {
      if (known.code === "rate_limited") reply.header("retry-after", reply.getHeader("retry-after") ?? "60");
      return reply.status(known.status).send(known.toBody(locale));
    }
    request.log.error({ err: error }, "unhandled error");
    const failure = new AppError("internal_error", "Something went wrong on our side");
    return reply.status(500).send(failure.toBody(locale));
  });

  app.setNotFoundHandler((request, reply) => {
    const body = new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}`).toBody(
      requestLocale(request),
    );
    return reply.status(404).send(body);
  });
}
