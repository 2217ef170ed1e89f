// One error type for every failed API call, built from the server's
// `{ error: { code, message, details } }` envelope.

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function readDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  const details: ErrorDetail[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const path = Array.isArray(item.path) ? item.path.join(".") : item.path;
    if (typeof path === "string" && typeof item.message === "string") {
      details.push({ path, message: item.message });
    }
  }
  return details;
}

export function toApiError(body: unknown, response: Pick<Response, "status" | "statusText">): ApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof envelope?.code === "string" ? envelope.code : `http_${response.status}`;
  const message = typeof envelope?.message === "string" ? envelope.message : response.statusText || code;
  return new ApiError(response.status, code, message, readDetails(envelope?.details));
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the body of a successful answer, throws ApiError otherwise. */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (error !== undefined || !response.ok || data === undefined) {
    throw toApiError(error, response);
  }
  return data;
}

/** For answers without a body (204). */
export async function unwrapEmpty(request: Promise<{ error?: unknown; response: Response }>) {
  const { error, response } = await request;
  if (error !== undefined || !response.ok) throw toApiError(error, response);
}
