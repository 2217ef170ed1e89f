import { createOrganization } from "../modules/organizations/service.ts";
import type { DatabaseHandle } from "../platform/db/client.ts";
import { organizationDefaults, organizationNameTaken } from "./organizations.ts";
import { CliError, checkedEmail, checkedName, type Locale, passwordOrGenerated } from "./support.ts";

export type OrganizationCreateOptions = {
  name: string;
  adminEmail: string;
  adminName?: string;
  adminPassword?: string;
  locale?: Locale;
  currency?: string;
  timeZone?: string;
};

/** `org create`: a further organization on this install, with its first administrator. */
export async function createOrganizationCommand(handle: DatabaseHandle, options: OrganizationCreateOptions) {
  const name = checkedName(options.name, "organization name", 200);
  const email = checkedEmail(options.adminEmail);
  const adminName = checkedName(options.adminName ?? email.split("@")[0] ?? email, "admin name");
  const { password, generated } = passwordOrGenerated(options.adminPassword);
  const settings = organizationDefaults({
    locale: options.locale ?? "zh-CN",
    currency: options.currency,
    timeZone: options.timeZone,
  });
  return handle.db.transaction(async (tx) => {
    // --org finds organizations by name too, so two of one name would make that ambiguous.
    if (await organizationNameTaken(tx, name)) throw new CliError(`An organization named "${name}" exists already`);
    const created = await createOrganization(tx, { name, ...settings, admin: { name: adminName, email, password } });
    return {
      organization: { id: created.organization.id, name: created.organization.name },
      adminEmail: email,
      generatedPassword: generated ? password : null,
    };
  });
}
