import { eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { insertRows } from "../../platform/db/insert-rows.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { contacts } from "../contacts/table.ts";
import { customers } from "../customers/table.ts";
import { departments } from "../departments/table.ts";
import { scheduleFollowUpDueNotices } from "../follow-ups/due-notice.ts";
import { followUps } from "../follow-ups/table.ts";
import { notifications } from "../notifications/table.ts";
import { customerTags } from "../option-lists/lists.ts";
import { addMissingValues } from "../option-lists/service.ts";
import { type createOrganization, systemActor } from "../organizations/service.ts";
import { userRoles } from "../roles/table.ts";
import { scheduleReminder } from "../tasks/reminders.ts";
import { tasks } from "../tasks/table.ts";
import { users } from "../users/table.ts";
import { demoAuditEntries } from "./audit.ts";
import { type OrgClock, orgClock } from "./clock.ts";
import { generateContacts } from "./contacts.ts";
import { type DemoOwner, generateCustomers } from "./customers.ts";
import { followUpSummary, generateFollowUps } from "./follow-ups.ts";
import { demoTags } from "./names.ts";
import { DEMO_MAIL_DOMAIN, type DepartmentKey, demoDepartments, demoPeople } from "./people.ts";
import { groupBy, SeededRandom } from "./random.ts";
import { roleIdsByScope } from "./roles.ts";
import { generateTasks, type TaskPerson } from "./tasks.ts";

export type CreatedOrganization = Awaited<ReturnType<typeof createOrganization>>;

export const DEMO_SEED = 20_240_601;
export const DEMO_CUSTOMER_COUNT = 200;
const TRASHED_CUSTOMERS = 3;

/**
 * Fills a new organization with a bilingual sales team at work: about 200 customers with their
 * contacts, three months of follow-ups, everyone's tasks and the notices they got, each in one
 * multi-row insert per table. Demo users sign in with the administrator's password: they share its
 * hash, which spares nine slow argon2 hashings and leaves nothing new to remember. The same seed
 * gives the same data; the organization's language and time zone only change its words and clock.
 */
export async function loadDemoData(tx: Transaction, created: CreatedOrganization): Promise<void> {
  const org = created.organization;
  const zh = org.locale !== "en";
  const headOfficeId = created.headOfficeId ?? (await insertHeadOffice(tx, org.id, zh));
  const departmentIds = await insertDepartments(tx, org.id, headOfficeId, zh);
  const staff = await insertStaff(tx, created, departmentIds, zh);
  const records = generateRecords(created, staff, departmentIds, orgClock(org.timeZone, Date.now()), zh);

  await addMissingValues(tx, systemActor(org.id), customerTags.key, demoTags);
  await insertRows(tx, customers, records.customers);
  await insertRows(tx, contacts, records.contacts);
  await insertRows(tx, followUps, records.followUps);
  await insertRows(tx, tasks, records.tasks);
  await insertRows(tx, notifications, records.notices);
  await insertRows(tx, auditLog, demoAuditEntries(records));
  // The jobs the services would have scheduled: morning notices of planned follow-ups, reminders.
  const planned = records.customers.filter((customer) => customer.nextFollowUpAt && !customer.deletedAt);
  await scheduleFollowUpDueNotices(
    tx,
    org.id,
    planned.map((customer) => customer.id),
  );
  for (const task of records.tasks) {
    if (task.remindAt) await scheduleReminder(tx, { id: task.id, organizationId: org.id, remindAt: task.remindAt });
  }
}

type Staff = Awaited<ReturnType<typeof insertStaff>>;

/** The demo's records, each generator on its own seed, so that changing one leaves the others alone. */
function generateRecords(
  created: CreatedOrganization,
  staff: Staff,
  departmentIds: Record<DepartmentKey, string>,
  clock: OrgClock,
  zh: boolean,
) {
  const organizationId = created.organization.id;
  const owners: DemoOwner[] = staff
    .filter((person) => person.customerWeight > 0)
    .map((person) => ({
      id: person.id,
      departmentId: departmentIds[person.department],
      overseas: person.overseas,
      weight: person.customerWeight,
    }));
  const seeded = (n: number) => new SeededRandom(DEMO_SEED + n);
  const { rows, twinOf } = generateCustomers(seeded(0), organizationId, owners, DEMO_CUSTOMER_COUNT, clock.now);
  // A few records in the trash, so that page shows something too.
  for (const row of rows.slice(-TRASHED_CUSTOMERS)) {
    row.deletedAt = row.updatedAt;
    row.deletedBy = row.ownerId;
  }
  const live = rows.filter((row) => !row.deletedAt);
  const contactRows = generateContacts(seeded(1), {
    organizationId,
    customers: live,
    twinOf,
    owners,
    zh,
    now: clock.now,
  });
  const followUpRows = generateFollowUps(seeded(2), {
    organizationId,
    customers: live,
    contacts: contactRows,
    clock,
    zh,
  });
  const followUpsOf = groupBy(followUpRows, (followUp) => followUp.customerId);
  for (const customer of rows) Object.assign(customer, followUpSummary(followUpsOf.get(customer.id) ?? []));

  const idOf = new Map(staff.map((person) => [person.key, person.id]));
  const people: TaskPerson[] = [
    {
      id: created.admin.id,
      name: created.admin.name,
      departmentId: created.admin.departmentId,
      managerId: null,
      work: "admin",
      customers: [],
    },
    ...staff.map(
      (person): TaskPerson => ({
        id: person.id,
        name: zh ? person.zh : person.en,
        departmentId: departmentIds[person.department],
        managerId: (person.manager && idOf.get(person.manager)) || created.admin.id,
        work: person.customerWeight > 0 ? "sales" : person.department === "marketing" ? "marketing" : "service",
        customers: live.filter((customer) => customer.ownerId === person.id),
      }),
    ),
  ];
  const work = generateTasks(seeded(3), { organizationId, people, customers: live, clock, zh });
  return { customers: rows, contacts: contactRows, followUps: followUpRows, ...work };
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
