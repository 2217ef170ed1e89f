import { randomBytes } from "node:crypto";
import { z } from "zod";
import { locales, passwordSchema } from "../modules/users/schema.ts";
import { loadConfig } from "../platform/config.ts";
import type { DatabaseHandle } from "../platform/db/client.ts";
import { openConfiguredDatabase } from "../server.ts";

/** A mistake of the operator's: main prints the message and exits with 1. */
export class CliError extends Error {}

export type Locale = (typeof locales)[number];
export { locales };

/** Opens (and migrates) the configured database for one command and always closes it: PGlite writes on close. */
export async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openConfiguredDatabase(loadConfig());
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** 20 random characters (120 bits): strong, and still easy to copy from a terminal. */
export const generatePassword = () => randomBytes(15).toString("base64url");

/** The given password if it passes the same rule as the API, else a generated one. */
export function passwordOrGenerated(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined) return { password: generatePassword(), generated: true };
  const checked = passwordSchema.safeParse(given);
  if (!checked.success) throw new CliError(`The password ${checked.error.issues[0]?.message ?? "is not allowed"}`);
  return { password: given, generated: false };
}

export function checkedEmail(email: string): string {
  const parsed = z.email().max(254).safeParse(email.trim());
  if (!parsed.success) throw new CliError(`"${email}" is not an email address`);
  return parsed.data;
}

export function checkedName(name: string, what: string, max = 100): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > max) throw new CliError(`The ${what} must be 1 to ${max} characters`);
  return trimmed;
}
