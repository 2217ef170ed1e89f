import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError, type ErrorDetail } from "./errors.ts";

/** Shapes every module's routes share: ids, paging, errors, timestamps. */
export const idParams = z.strictObject({ id: z.uuid() });

/**
 * The body of an action that takes no options (claim, mark read, log out): none, or {}. A field in
 * it is refused, not ignored, so a client that puts an option in the wrong place hears about it.
 */
export const noBody = z.strictObject({}).nullish().describe("No body, or an empty object");

/**
 * Dates and date-times the API takes lie in the years 1900 to 9999: below 100, JavaScript and the
 * database drivers read years differently (0001-06-15 came back as 2015-01-06), and earlier dates in
 * a CRM are typos.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
export const yearRangeMessage = `must be in the years ${MIN_YEAR} to ${MAX_YEAR}`;
/** Whether an ISO date or date-time (already checked as one) falls in those years, in UTC. */
export function inYearRange(value: string): boolean {
  const year = new Date(value).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}
/** An input date-time: ISO 8601 with a time zone, in the years the API takes (asked only of a valid one). */
export const dateTimeInput = z.iso
  .datetime({ offset: true, abort: true })
  .refine(inYearRange, { message: yearRangeMessage });
/** An input date, YYYY-MM-DD, in the years the API takes. */
export const dateInput = z.iso.date({ abort: true }).refine(inYearRange, { message: yearRangeMessage });

export const limitParam = z.coerce.number().int().min(1).max(200).default(50);
export const cursorParam = z.string().max(500).optional();

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: "Error" });

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** The fields every record answers with. */
export const recordFields = {
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

/** On a record's schema: the caller's access, which the GET of one record answers (resource-routes.ts). */
export const accessField = z
  .enum(["read", "write"])
  .optional()
  .describe(
    "On GET of one record only: write when the caller's scope lets them change it, read when they may only view it (shared read-only, or seen through its customer); their role's actions still apply",
  );

/** Error responses documented on every route. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  429: errorBody,
};

/** Keyset cursors: the last row's sort value and id, base64url-encoded, checked on the way back in. */
export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

const isoTime = z.iso.datetime({ offset: true });
const isTime = (v: unknown) => typeof v === "string" && (/^-?infinity$/.test(v) || isoTime.safeParse(v).success);

export const badCursor = () =>
  new AppError("invalid_cursor", "cursor is not valid", [{ path: "cursor", message: "not a cursor this list gave" }]);

export function decodeCursor(cursor: string, valueKind: "string" | "number" | "date"): [string | number, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [value, id] = parsed as unknown[];
  const valueOk = valueKind === "date" ? isTime(value) : typeof value === valueKind;
  if (!valueOk || typeof id !== "string" || !z.uuid().safeParse(id).success) throw badCursor();
  if (typeof value === "string" && value.includes("\0")) throw badCursor();
  return [value as string | number, id];
}

/** "-updatedAt" -> { field: "updatedAt", descending: true } */
export function parseSort<K extends string>(sort: K | `-${K}`): { field: K; descending: boolean } {
  return sort.startsWith("-")
    ? { field: sort.slice(1) as K, descending: true }
    : { field: sort as K, descending: false };
}

const nulMessage = "must not contain the NUL character (\\u0000)";

/** No request of this API nests deeper; a deeper body is refused before anything walks it (and overflows the stack). */
export const maxInputDepth = 64;
const depthMessage = `must not nest more than ${maxInputDepth} levels deep`;

type InputProblem = { path: string; message: string };

/**
 * The problems of a parsed body or query: the paths of strings (and object keys) holding a NUL
 * ("name", "phones.0.number"), or the first value nested deeper than maxInputDepth.
 */
function inputProblems(value: unknown, path: string, depth: number, found: InputProblem[]): void {
  if (found.length >= 20) return;
  if (typeof value === "string") {
    if (value.includes("\0")) found.push({ path, message: nulMessage });
    return;
  }
  // A JSON body or a query (a null-prototype object); a file upload's Buffer is its module's to read.
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return;
  if (depth >= maxInputDepth) {
    found.push({ path, message: depthMessage });
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) inputProblems(item, path ? `${path}.${i}` : String(i), depth + 1, found);
    return;
  }
  for (const [key, item] of Object.entries(value as object)) {
    const name = key.replaceAll("\0", "\\u0000");
    const at = path ? `${path}.${name}` : name;
    if (key.includes("\0")) found.push({ path: at, message: nulMessage });
    else inputProblems(item, at, depth + 1, found);
  }
}

/**
 * PostgreSQL stores no NUL character in text or jsonb: a string holding one, anywhere in a request,
 * is refused before any route sees it, as a 400 naming where it is (as a schema check would); so is
 * a body nested deeper than any route takes, which would otherwise overflow the stack of this walk.
 */
export function registerInputChecks(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    for (const [where, value] of [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ] as const) {
      const problems: InputProblem[] = [];
      inputProblems(value, "", 0, problems);
      if (problems.length === 0) continue;
      const details: ErrorDetail[] = problems.map(({ path, message }) => ({ path: path || where, message }));
      const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
      throw new AppError("validation_failed", `Invalid ${where}: ${summary}`, details);
    }
  });
}
