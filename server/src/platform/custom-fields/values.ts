import { z } from "zod";
import { type ErrorDetail, fieldsFailed } from "../errors.ts";
import { inYearRange, yearRangeMessage } from "../http.ts";
import { phoneProblem } from "../phone.ts";
import type { CustomFieldRow } from "./table.ts";

export type CustomFieldDefinition = CustomFieldRow;
export type CustomValues = Record<string, unknown>;

const textMax = { text: 500, longText: 10_000, url: 2000, email: 254, phone: 50 } as const;
/** Money keeps two decimals, up to 18 digits before them: fits numeric and reads back exactly. */
const moneyPattern = /^-?\d+(\.\d{1,2})?$/;
const MONEY_MAX = "999999999999999999.99";
const numberPattern = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/** Numbers are JSON numbers (doubles): beyond these they would not read back as written. */
const NUMBER_MAX = Number.MAX_SAFE_INTEGER;
const NUMBER_DIGITS = 15;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const email = z.email();

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

class Invalid extends Error {}
const fail = (message: string): never => {
  throw new Invalid(message);
};

function text(value: unknown, max: number): string {
  if (typeof value !== "string") fail("must be text");
  const s = (value as string).trim();
  if (s.length > max) fail(`must be at most ${max} characters`);
  return s;
}

export function isCalendarDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** An archived option stays allowed where it is `held` already (the record's value, or a filter). */
function optionKey(field: CustomFieldDefinition, value: unknown, held: (key: string) => boolean): string {
  if (typeof value !== "string") fail("must be an option key");
  const option = field.options.find((o) => o.key === value);
  if (!option) fail(`is not one of ${field.options.map((o) => o.key).join(", ")}`);
  if (option?.archived && !held(value as string)) fail(`option ${value} is archived`);
  return value as string;
}

function number(value: unknown): number {
  const given = typeof value === "string" ? value.trim() : undefined;
  const n = given !== undefined && numberPattern.test(given) ? Number(given) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return fail("must be a number");
  if (Math.abs(n) > NUMBER_MAX) fail(`must be between -${NUMBER_MAX} and ${NUMBER_MAX}`);
  const significant =
    given
      ?.replace(/[eE].*$/, "")
      .replace(/\D/g, "")
      .replace(/^0+/, "")
      .replace(/0+$/, "") ?? "";
  if (significant.length > NUMBER_DIGITS) fail(`must have at most ${NUMBER_DIGITS} significant digits`);
  return n;
}

/** One value in its stored JSON form; throws Invalid with the reason. */
function normalize(field: CustomFieldDefinition, value: unknown, held: (key: string) => boolean): unknown {
  switch (field.type) {
    case "text":
    case "longText":
      return text(value, textMax[field.type]);
    case "phone": {
      const s = text(value, textMax.phone);
      const problem = phoneProblem(s);
      if (problem) fail(problem);
      return s;
    }
    case "email": {
      const s = text(value, textMax.email);
      if (!email.safeParse(s).success) fail("must be an email address");
      return s;
    }
    case "url": {
      const s = text(value, textMax.url);
      try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
        if (!/^https?:$/.test(url.protocol) || !url.hostname.includes(".")) throw new Error();
        // "https://bank.com@evil.com" shows one site and opens another.
        if (url.username || url.password) return fail("must not hold a user name or password");
        return url.href;
      } catch (error) {
        if (error instanceof Invalid) throw error;
        return fail("must be a web address such as https://example.com");
      }
    }
    case "number":
      // Numbers are JSON numbers: (custom->>'k')::numeric reads them back for filters and sorting.
      return number(value);
    case "money": {
      // A decimal string, not a JSON number: a double cannot hold 0.10 or large amounts exactly.
      const s = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
      if (typeof s !== "string" || !moneyPattern.test(s.trim())) fail("must be an amount with at most 2 decimals");
      const [whole = "0", cents = ""] = (s as string).trim().split(".");
      const digits = whole.replace(/^(-?)0+(?=\d)/, "$1");
      if (digits.replace("-", "").length > 18) fail(`must be between -${MONEY_MAX} and ${MONEY_MAX}`);
      return `${digits}.${cents.padEnd(2, "0")}`;
    }
    case "date":
      if (typeof value !== "string" || !isCalendarDate(value)) fail("must be a date, YYYY-MM-DD");
      if (!inYearRange(value as string)) fail(yearRangeMessage);
      return value;
    case "dateTime": {
      // Stored in UTC with milliseconds: one fixed-width text whose order is the order of time.
      const ok = typeof value === "string" && z.iso.datetime({ offset: true }).safeParse(value).success;
      if (!ok) fail("must be a date and time, ISO 8601 with a time zone");
      if (!inYearRange(value as string)) fail(yearRangeMessage);
      return new Date(value as string).toISOString();
    }
    case "checkbox":
      if (value === "true" || value === "false") return value === "true";
      if (typeof value !== "boolean") fail("must be true or false");
      return value;
    case "singleChoice":
      return optionKey(field, value, held);
    case "multiChoice": {
      if (!Array.isArray(value)) fail("must be a list of option keys");
      const keys = (value as unknown[]).map((v) => optionKey(field, v, held));
      return [...new Set(keys)];
    }
    case "user":
      // That the user belongs to the organization is checked against the database (checkCustomValues).
      if (typeof value !== "string" || !z.uuid().safeParse(value).success) fail("must be a user id");
      return value;
  }
}

/**
 * Checks and normalizes `custom` input against the object's active fields. A null (or empty) value
 * clears the field and comes back as null. Without `partial` (create), every required field must have
 * a value; with it (update), only the fields given are checked, and a required one may not be cleared.
 * An archived option stays allowed where the record holds it already (`current`) or one of `alsoHeld`
 * does (a merge: the merged records, whose values the survivor may take), or anywhere with
 * `archivedOptions` (a filter may look for records that still hold one).
 * Throws the platform's validation error with one detail per wrong field, `custom.<key>`.
 */
export function validateCustomValues(
  fields: CustomFieldDefinition[],
  input: Record<string, unknown>,
  options: {
    partial: boolean;
    current?: CustomValues | null;
    alsoHeld?: readonly (CustomValues | null | undefined)[];
    archivedOptions?: boolean;
  },
): CustomValues {
  const byKey = new Map(fields.filter((f) => f.state === "active").map((f) => [f.key, f]));
  const details: ErrorDetail[] = [];
  const out: CustomValues = {};
  for (const [key, value] of Object.entries(input)) {
    const field = byKey.get(key);
    if (!field) {
      details.push({ path: `custom.${key}`, message: "is not a field of this record" });
      continue;
    }
    if (isEmpty(value)) {
      if (field.required) details.push({ path: `custom.${key}`, message: "is required" });
      else out[key] = null;
      continue;
    }
    const holders = [options.current, ...(options.alsoHeld ?? [])];
    const holds = (stored: unknown, option: string) =>
      stored === option || (Array.isArray(stored) && stored.includes(option));
    const held = (option: string) =>
      options.archivedOptions === true || holders.some((values) => holds(values?.[key], option));
    try {
      out[key] = normalize(field, value, held);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      details.push({ path: `custom.${key}`, message: error.message });
    }
  }
  if (!options.partial) {
    for (const field of byKey.values()) {
      if (field.required && !(field.key in input))
        details.push({ path: `custom.${field.key}`, message: "is required" });
    }
  }
  if (details.length > 0) throw fieldsFailed(details);
  return out;
}

/** Values merged onto the stored ones; a null removes the key (an empty field has no key). */
export function mergeCustomValues(current: CustomValues | null | undefined, changes: CustomValues): CustomValues {
  const next: CustomValues = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
