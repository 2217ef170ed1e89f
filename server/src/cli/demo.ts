import { and, asc, eq, like } from "drizzle-orm";
import { DEMO_MAIL_DOMAIN } from "../modules/demo/people.ts";
import { type CreatedOrganization, loadDemoData } from "../modules/demo/service.ts";
import { createOrganization, lockSetup, systemActor } from "../modules/organizations/service.ts";
import { roles } from "../modules/roles/table.ts";
import { getUser } from "../modules/users/service.ts";
import { users } from "../modules/users/table.ts";
import type { DatabaseHandle, Transaction } from "../platform/db/client.ts";
import {
  headOfficeOf,
  listOrganizations,
  type Organization,
  organizationDefaults,
  resolveOrganization,
} from "./organizations.ts";
import { CliError, generatePassword, type Locale } from "./support.ts";

export const DEMO_ORGANIZATION_NAME = "示例公司 Demo Co.";
export const DEMO_ADMIN_EMAIL = "demo@rapport.local";

export type DemoResult = {
  organization: { id: string; name: string; created: boolean };
  /** Whose password the demo staff share. */
  adminEmail: string;
  generatedPassword: string | null;
};

/**
 * `demo`: on an empty install, creates 示例公司 Demo Co. with the admin demo@rapport.local and fills it;
 * otherwise fills the organization named by --org.
 */
export async function demoCommand(
  handle: DatabaseHandle,
  options: { org?: string; locale?: Locale },
): Promise<DemoResult> {
  return handle.db.transaction(async (tx) => {
    await lockSetup(tx);
    if (options.org !== undefined) {
      const org = await resolveOrganization(tx, options.org);
      const existing = await asCreated(tx, org);
      const locale = options.locale ?? (org.locale === "en" ? "en" : "zh-CN");
      await loadDemoData(tx, { ...existing, organization: { ...org, locale } });
      return {
        organization: { id: org.id, name: org.name, created: false },
        adminEmail: existing.admin.email,
        generatedPassword: null,
      };
    }
    const others = await listOrganizations(tx);
    if (others.length > 0) {
      throw new CliError(
        `Organizations exist already (${others.map((o) => `"${o.name}"`).join(", ")}): ` +
          "name the one to fill with --org, or make a new one with `org create` first",
      );
    }
    const locale = options.locale ?? "zh-CN";
    const password = generatePassword();
    const created = await createOrganization(tx, {
      name: DEMO_ORGANIZATION_NAME,
      ...organizationDefaults({ locale }),
      admin: { name: locale === "zh-CN" ? "演示管理员" : "Demo admin", email: DEMO_ADMIN_EMAIL, password },
    });
    await loadDemoData(tx, created);
    const { id, name } = created.organization;
    return { organization: { id, name, created: true }, adminEmail: DEMO_ADMIN_EMAIL, generatedPassword: password };
  });
}

/** An existing organization in the shape createOrganization answers, for loadDemoData. */
async function asCreated(tx: Transaction, org: Organization): Promise<CreatedOrganization> {
  const demoStaff = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, org.id), like(users.email, `%@${DEMO_MAIL_DOMAIN}`)));
  if (demoStaff.length > 0) throw new CliError(`"${org.name}" has demo data already`);
  const [admin] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, org.id), eq(users.isAdmin, true), eq(users.active, true)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  if (!admin) throw new CliError(`"${org.name}" has no active administrator to share a password with`);
  return {
    organization: org,
    admin: await getUser(tx, systemActor(org.id), admin.id),
    headOfficeId: await headOfficeOf(tx, org.id),
    roles: await tx.select().from(roles).where(eq(roles.organizationId, org.id)),
  };
}
