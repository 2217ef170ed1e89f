import { z } from "zod";
import { AppError } from "./errors.ts";

/** Shapes every module's routes share: ids, paging, errors, timestamps. */
export const idParams = z.strictObject({ id: z.uuid() });

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

export function decodeCursor(cursor: string, valueKind: "string" | "number" | "date"): [string | number, string] {
  const bad = () =>
    new AppError("invalid_cursor", "cursor is not valid", [{ path: "cursor", message: "not a cursor this list gave" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [value, id] = parsed as unknown[];
  const valueOk = valueKind === "date" ? isTime(value) : typeof value === valueKind;
  if (!valueOk || typeof id !== "string" || !z.uuid().safeParse(id).success) throw bad();
  return [value as string | number, id];
}

/** "-updatedAt" -> { field: "updatedAt", descending: true } */
export function parseSort<K extends string>(sort: K | `-${K}`): { field: K; descending: boolean } {
  return sort.startsWith("-")
    ? { field: sort.slice(1) as K, descending: true }
    : { field: sort as K, descending: false };
}
