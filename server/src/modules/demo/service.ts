import { eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { customers } from "../customers/table.ts";
import { departments } from "../departments/table.ts";
import { customerTags } from "../option-lists/lists.ts";
import { addMissingValues } from "../option-lists/service.ts";
import { type createOrganization, systemActor } from "../organizations/service.ts";
import { userRoles } from "../roles/table.ts";
import { users } from "../users/table.ts";
import { type DemoOwner, generateCustomers, type NewCustomer } from "./customers.ts";
import { demoTags } from "./names.ts";
import { DEMO_MAIL_DOMAIN, type DepartmentKey, demoDepartments, demoPeople } from "./people.ts";
import { SeededRandom } from "./random.ts";
import { roleIdsByScope } from "./roles.ts";

export type CreatedOrganization = Awaited<ReturnType<typeof createOrganization>>;

export const DEMO_SEED = 20_240_601;
export const DEMO_CUSTOMER_COUNT = 200;
const INSERT_CHUNK = 500;
const TRASHED_CUSTOMERS = 3;

/**
 * Fills a new organization with a bilingual sales team and about 200 customers, in a few multi-row
 * inserts. Demo users sign in with the administrator's password: they share its hash, which spares
 * nine slow argon2 hashings and leaves nothing new to remember. The same seed gives the same data.
 */
export async function loadDemoData(tx: Transaction, created: CreatedOrganization): Promise<void> {
  const org = created.organization;
  const zh = org.locale !== "en";
  const headOfficeId = created.headOfficeId ?? (await insertHeadOffice(tx, org.id, zh));
  const departmentIds = await insertDepartments(tx, org.id, headOfficeId, zh);
  const staff = await insertStaff(tx, created, departmentIds, zh);

  const owners: DemoOwner[] = staff
    .filter((person) => person.customerWeight > 0)
    .map((person) => ({
      id: person.id,
      departmentId: departmentIds[person.department],
      overseas: person.overseas,
      weight: person.customerWeight,
    }));
  const rows = generateCustomers(new SeededRandom(DEMO_SEED), org.id, owners, DEMO_CUSTOMER_COUNT, Date.now());
  // A few records in the trash, so that page shows something too.
  for (const row of rows.slice(-TRASHED_CUSTOMERS)) {
    row.deletedAt = row.updatedAt;
    row.deletedBy = row.ownerId;
  }
  await addMissingValues(tx, systemActor(org.id), customerTags.key, demoTags);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await tx.insert(customers).values(chunk);
    await tx.insert(auditLog).values(chunk.flatMap(auditEntries));
  }
}

async function insertHeadOffice(tx: Transaction, organizationId: string, zh: boolean): Promise<string> {
  const id = newId();
  await tx.insert(departments).values({ id, organizationId, name: zh ? "总部" : "Head office" });
  return id;
}

async function insertDepartments(tx: Transaction, organizationId: string, headOfficeId: string, zh: boolean) {
  const ids: Record<DepartmentKey, string> = {
    sales: newId(),
    east: newId(),
    south: newId(),
    marketing: newId(),
    service: newId(),
  };
  await tx.insert(departments).values(
    demoDepartments.map((d) => ({
      id: ids[d.key],
      organizationId,
      name: zh ? d.zh : d.en,
      parentId: d.parent ? ids[d.parent] : headOfficeId,
    })),
  );
  return ids;
}

/** The demo staff with their superiors and roles; then each department gets its head as manager. */
async function insertStaff(
  tx: Transaction,
  created: CreatedOrganization,
  departmentIds: Record<DepartmentKey, string>,
  zh: boolean,
) {
  const organizationId = created.organization.id;
  const [admin] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, created.admin.id));
  if (!admin) throw new Error("the organization's administrator is missing");
  const emailOf = await demoEmails(tx, organizationId);
  const staff = demoPeople.map((person) => ({ ...person, id: newId() }));
  const idOf = new Map(staff.map((person) => [person.key, person.id]));
  // Top-level staff report to the administrator. One statement: a manager later in the list is fine.
  await tx.insert(users).values(
    staff.map((person) => ({
      id: person.id,
      organizationId,
      name: zh ? person.zh : person.en,
      email: emailOf(person.key),
      passwordHash: admin.hash,
      locale: zh && !person.overseas ? "zh-CN" : "en",
      departmentId: departmentIds[person.department],
      managerId: (person.manager && idOf.get(person.manager)) || created.admin.id,
    })),
  );
  const roleOf = await roleIdsByScope(
    tx,
    organizationId,
    created.roles,
    staff.map((person) => person.scope),
    zh,
  );
  await tx.insert(userRoles).values(
    staff.flatMap((person) => {
      const roleId = roleOf.get(person.scope);
      return roleId ? [{ organizationId, userId: person.id, roleId }] : [];
    }),
  );
  for (const head of staff.filter((person) => person.heads)) {
    await tx.update(departments).set({ managerId: head.id }).where(eq(departments.id, departmentIds[head.department]));
  }
  return staff;
}

/** Emails are unique across the install: a second demo organization gets mailboxes of its own. */
async function demoEmails(tx: Transaction, organizationId: string): Promise<(key: string) => string> {
  const plain = (key: string) => `${key}@${DEMO_MAIL_DOMAIN}`;
  const taken = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        demoPeople.map((person) => plain(person.key)),
      ),
    );
  if (taken.length === 0) return plain;
  const tag = organizationId.replaceAll("-", "").slice(-8);
  return (key) => `${key}.${tag}@${DEMO_MAIL_DOMAIN}`;
}

/** The history a customer would have had: created by its owner, and trashed for the few in the trash. */
function auditEntries(customer: NewCustomer) {
  const subject = { organizationId: customer.organizationId, entityType: "customer", entityId: customer.id };
  const fields = ["name", "kind", "industry", "lifecycleStage", "ownerId"] as const;
  const created = {
    ...subject,
    id: newId(),
    action: "create",
    actorId: customer.ownerId ?? null,
    at: customer.createdAt,
    changes: fields.map((field) => ({ field, from: null, to: customer[field] ?? null })),
  };
  if (!customer.deletedAt) return [created];
  const trashed = {
    ...subject,
    id: newId(),
    action: "delete",
    actorId: customer.deletedBy ?? null,
    at: customer.deletedAt,
    changes: [],
  };
  return [created, trashed];
}
