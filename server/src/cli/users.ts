import { eq, sql } from "drizzle-orm";
import { sessions } from "../modules/auth/table.ts";
import { createOrganization, lockSetup, systemActor } from "../modules/organizations/service.ts";
import { insertUser, updateUser } from "../modules/users/service.ts";
import { users } from "../modules/users/table.ts";
import type { DatabaseHandle, Executor } from "../platform/db/client.ts";
import {
  headOfficeOf,
  listOrganizations,
  type OrganizationSettings,
  organizationDefaults,
  resolveOrganization,
} from "./organizations.ts";
import { CliError, checkedEmail, checkedName, type Locale, passwordOrGenerated } from "./support.ts";

export type UserCreateOptions = {
  email: string;
  name: string;
  password?: string;
  admin?: boolean;
  /** An existing organization (id or name); with no organization yet, the name of the first one. */
  org?: string;
  locale?: Locale;
  currency?: string;
  timeZone?: string;
};

export type CreatedUser = {
  userId: string;
  email: string;
  organization: { id: string; name: string; created: boolean };
  /** Set when Rapport made the password up: shown once, stored nowhere. */
  generatedPassword: string | null;
};

/** `user create`: a user in an organization; with no organization yet, an admin and the first organization. */
export async function createUserCommand(handle: DatabaseHandle, options: UserCreateOptions): Promise<CreatedUser> {
  const email = checkedEmail(options.email);
  const name = checkedName(options.name, "name");
  const { password, generated } = passwordOrGenerated(options.password);
  return handle.db.transaction(async (tx) => {
    // The same lock as the web's first-run setup: the two cannot both create the first organization.
    await lockSetup(tx);
    const generatedPassword = generated ? password : null;
    if ((await listOrganizations(tx)).length === 0) {
      if (!options.admin) {
        throw new CliError("There is no organization yet: create the first administrator with --admin");
      }
      const settings: OrganizationSettings = {
        locale: options.locale ?? "zh-CN",
        currency: options.currency,
        timeZone: options.timeZone,
      };
      const created = await createOrganization(tx, {
        name: checkedName(options.org ?? "Rapport", "organization name", 200),
        ...organizationDefaults(settings),
        admin: { name, email, password },
      });
      const { id, name: orgName } = created.organization;
      return { userId: created.admin.id, email, organization: { id, name: orgName, created: true }, generatedPassword };
    }
    const org = await resolveOrganization(tx, options.org);
    const user = await insertUser(tx, systemActor(org.id), {
      name,
      email,
      password,
      locale: options.locale ?? (org.locale === "en" ? "en" : "zh-CN"),
      departmentId: await headOfficeOf(tx, org.id),
      managerId: null,
      roleIds: [],
      isAdmin: options.admin ?? false,
    });
    return { userId: user.id, email, organization: { id: org.id, name: org.name, created: false }, generatedPassword };
  });
}

export async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  if (!user) throw new CliError(`No user has the email ${email}`);
  return user;
}

/** `user reset-password`: a new password (given or generated); every session of the user ends. */
export async function resetPasswordCommand(
  handle: DatabaseHandle,
  options: { email: string; password?: string },
): Promise<{ email: string; generatedPassword: string | null; sessionsEnded: number }> {
  const { password, generated } = passwordOrGenerated(options.password);
  const user = await findUserByEmail(handle.db, options.email);
  const open = await handle.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
  // Through the users service: it ends the sessions and writes the audit entry.
  await updateUser(handle.db, systemActor(user.organizationId), user.id, { version: user.version, password });
  return { email: user.email, generatedPassword: generated ? password : null, sessionsEnded: open.length };
}
