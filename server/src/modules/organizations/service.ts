import { sql } from "drizzle-orm";
import type { Transaction } from "../../platform/db/client.ts";
import type { Actor, Permissions } from "../../platform/permissions.ts";
import { departments } from "../departments/table.ts";
import { seedDuplicateRules } from "../duplicates/rules.ts";
import { seedOptionLists } from "../option-lists/service.ts";
import { roles } from "../roles/table.ts";
import { insertUser } from "../users/service.ts";
import { users } from "../users/table.ts";
import { organizations } from "./table.ts";

/** The actor of work done by Rapport itself (setup, migrations of data): audit shows no person. */
export const SYSTEM_USER_ID = "00000000-0000-0000-0000-000000000000";
export const systemActor = (organizationId: string): Actor => ({
  organizationId,
  userId: SYSTEM_USER_ID,
  isAdmin: true,
  departmentId: null,
  grants: {},
});

export type NewOrganization = {
  name: string;
  locale: "zh-CN" | "en";
  baseCurrency: string;
  timeZone: string;
  admin: { name: string; email: string; password: string };
};

const all = ["view", "create", "edit", "delete", "export", "import", "transfer"] as const;
const defaultRoles: { zh: string; en: string; permissions: Permissions }[] = [
  {
    zh: "销售代表",
    en: "Sales rep",
    permissions: {
      // "import": a rep brings their own list; what it creates is theirs, and the duplicate check applies.
      customers: { actions: ["view", "create", "edit", "export", "import"], scope: "own" },
      contacts: { actions: ["view", "create", "edit", "export", "import"], scope: "own" },
      followUps: { actions: ["view", "create", "edit", "delete", "export"], scope: "own" },
      // "transfer" on tasks: a rep assigns tasks to colleagues (and still sees the ones they created).
      tasks: { actions: ["view", "create", "edit", "delete", "export", "transfer"], scope: "own" },
      pool: { actions: ["view", "claim"], scope: "all" },
    },
  },
  {
    zh: "销售经理",
    en: "Sales manager",
    permissions: {
      customers: { actions: [...all], scope: "subordinates" },
      contacts: { actions: [...all], scope: "subordinates" },
      followUps: { actions: [...all], scope: "subordinates" },
      tasks: { actions: [...all], scope: "subordinates" },
      pool: { actions: ["view", "claim"], scope: "all" },
      tags: { actions: ["view", "create"], scope: "all" },
      sharedViews: { actions: ["view", "create"], scope: "all" },
      duplicates: { actions: ["view"], scope: "all" },
    },
  },
  {
    zh: "部门主管",
    en: "Department head",
    permissions: {
      customers: { actions: [...all], scope: "departmentTree" },
      contacts: { actions: [...all], scope: "departmentTree" },
      followUps: { actions: [...all], scope: "departmentTree" },
      tasks: { actions: [...all], scope: "departmentTree" },
      pool: { actions: ["view", "claim"], scope: "all" },
      tags: { actions: ["view", "create"], scope: "all" },
      sharedViews: { actions: ["view", "create"], scope: "all" },
      duplicates: { actions: ["view"], scope: "all" },
    },
  },
  {
    zh: "只读",
    en: "Read only",
    permissions: {
      customers: { actions: ["view"], scope: "all" },
      contacts: { actions: ["view"], scope: "all" },
      followUps: { actions: ["view"], scope: "all" },
      tasks: { actions: ["view"], scope: "all" },
    },
  },
];

/** Creates an organization with a head office, the usual roles and its first administrator. */
export async function createOrganization(tx: Transaction, input: NewOrganization) {
  const [org] = await tx
    .insert(organizations)
    .values({ name: input.name, locale: input.locale, baseCurrency: input.baseCurrency, timeZone: input.timeZone })
    .returning();
  if (!org) throw new Error("insert returned no row");
  const zh = input.locale === "zh-CN";
  await seedOptionLists(tx, org.id);
  await seedDuplicateRules(tx, org.id);
  const [headOffice] = await tx
    .insert(departments)
    .values({ organizationId: org.id, name: zh ? "总部" : "Head office" })
    .returning();
  const createdRoles = await tx
    .insert(roles)
    .values(defaultRoles.map((r) => ({ organizationId: org.id, name: zh ? r.zh : r.en, permissions: r.permissions })))
    .returning();
  const admin = await insertUser(tx, systemActor(org.id), {
    ...input.admin,
    locale: input.locale,
    departmentId: headOffice?.id ?? null,
    managerId: null,
    roleIds: [],
    isAdmin: true,
  });
  return { organization: org, admin, headOfficeId: headOffice?.id ?? null, roles: createdRoles };
}

export async function anyUserExists(tx: Transaction | { execute: Transaction["execute"] }): Promise<boolean> {
  const result = (await tx.execute(sql`select exists (select 1 from ${users}) as found`)) as unknown as {
    rows: { found: boolean }[];
  };
  return result.rows[0]?.found ?? false;
}

// Two first-run requests at once must not create two organizations.
export const lockSetup = (tx: Transaction) => tx.execute(sql`select pg_advisory_xact_lock(72410002)`);
