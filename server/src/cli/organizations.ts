import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { departments } from "../modules/departments/table.ts";
import { organizations } from "../modules/organizations/table.ts";
import type { Executor } from "../platform/db/client.ts";
import { CliError, type Locale } from "./support.ts";

export type Organization = typeof organizations.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function listOrganizations(db: Executor): Promise<Organization[]> {
  return db.select().from(organizations).orderBy(asc(organizations.createdAt));
}

const describeAll = (orgs: Organization[]) => orgs.map((o) => `"${o.name}" (${o.id})`).join(", ");

/** The organization named by --org (an id or a name), or the only one when --org is left out. */
export async function resolveOrganization(db: Executor, reference: string | undefined): Promise<Organization> {
  const all = await listOrganizations(db);
  if (all.length === 0) throw new CliError("There is no organization yet");
  if (reference === undefined) {
    const [only] = all;
    if (only && all.length === 1) return only;
    throw new CliError(`There are several organizations; choose one with --org: ${describeAll(all)}`);
  }
  const wanted = reference.trim().toLowerCase();
  const matches = UUID.test(wanted)
    ? all.filter((o) => o.id === wanted)
    : all.filter((o) => o.name.trim().toLowerCase() === wanted);
  const [match] = matches;
  if (match && matches.length === 1) return match;
  if (matches.length > 1)
    throw new CliError(`Several organizations are named "${reference}"; use the id: ${describeAll(matches)}`);
  throw new CliError(`No organization "${reference}" (\`org create\` makes one); there are: ${describeAll(all)}`);
}

export async function organizationNameTaken(db: Executor, name: string): Promise<boolean> {
  const found = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`lower(trim(${organizations.name})) = ${name.trim().toLowerCase()}`);
  return found.length > 0;
}

/** The top of the organization's department tree, where users without a department go. */
export async function headOfficeOf(db: Executor, organizationId: string): Promise<string | null> {
  const [top] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.organizationId, organizationId), isNull(departments.parentId)))
    .orderBy(asc(departments.createdAt), asc(departments.id))
    .limit(1);
  return top?.id ?? null;
}

/** Base currency and time zone a new organization gets unless told otherwise. */
export type OrganizationSettings = { locale: Locale; currency?: string; timeZone?: string };

export function organizationDefaults(settings: OrganizationSettings) {
  const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const baseCurrency = (settings.currency ?? (settings.locale === "zh-CN" ? "CNY" : "USD")).toUpperCase();
  const timeZone = settings.timeZone ?? (settings.locale === "zh-CN" ? "Asia/Shanghai" : machineZone);
  if (!/^[A-Z]{3}$/.test(baseCurrency))
    throw new CliError(`"${settings.currency}" is not an ISO 4217 currency code such as CNY`);
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new CliError(`"${timeZone}" is not a time zone such as Asia/Shanghai`);
  }
  return { locale: settings.locale, baseCurrency, timeZone };
}
