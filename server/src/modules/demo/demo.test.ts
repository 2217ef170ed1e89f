import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, PASSWORD, type TestContext } from "../../../test/harness.ts";
import { type Executor, queryRows } from "../../platform/db/client.ts";
import { refreshFollowUpSummary } from "../follow-ups/customer-summary.ts";
import { createOrganization } from "../organizations/service.ts";
import { groupBy } from "./random.ts";
import { DEMO_CUSTOMER_COUNT, loadDemoData } from "./service.ts";

type Customer = {
  id: string;
  name: string;
  ownerId: string | null;
  phone: string | null;
  website: string | null;
  address: { country?: string } | null;
  lastFollowUpAt: string | null;
  nextFollowUpAt: string | null;
};
type List<T = Customer> = { data: T[]; nextCursor: string | null };
type Contact = {
  id: string;
  customerId: string | null;
  name: string;
  isPrimary: boolean;
  phones: { number: string }[];
  emails: { address: string }[];
};
type Task = { id: string; title: string; status: string; relatedName: string | null; remindAt: string | null };
type Group = { matches: { field: string }[]; count: number; records: { name: string }[] };

let ctx: TestContext;
let admin: ApiClient;

/** Every page of a list, as the web app would page through it. */
async function everyPage<T>(client: ApiClient, path: string): Promise<T[]> {
  const all: T[] = [];
  const join = path.includes("?") ? "&" : "?";
  let cursor: string | null = null;
  do {
    const res: { status: number; body: List<T> } = await client.get<List<T>>(
      `${path}${join}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status).toBe(200);
    all.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}
const listAll = (client: ApiClient) => everyPage<Customer>(client, "/api/v1/customers");
const cjk = /[\u4e00-\u9fff]/;

async function organizationNamed(name: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(ctx.handle.db, sql`select id from organizations where name = ${name}`);
  if (!row) throw new Error(`no organization ${name}`);
  return row.id;
}

async function userId(email: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(ctx.handle.db, sql`select id from users where email = ${email}`);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const setup = await ctx.anonymous.post("/api/v1/setup", {
    organizationName: "示例公司 Demo Co.",
    locale: "zh-CN",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "管理员",
    adminEmail: "admin@demo.test",
    adminPassword: PASSWORD,
    loadDemoData: true,
  });
  expect(setup.status).toBe(201);
  admin = await ctx.signIn("admin@demo.test", PASSWORD);
});
afterAll(() => ctx.close());

describe("demo data", () => {
  it("gives the admin about 200 bilingual customers, three of them in the trash", async () => {
    const customers = await listAll(admin);
    expect(customers).toHaveLength(DEMO_CUSTOMER_COUNT - 3);
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    const chinese = customers.filter((c) => /[\u4e00-\u9fff]/.test(c.name));
    const latin = customers.filter((c) => /^[A-Za-z]/.test(c.name));
    expect(chinese.length).toBeGreaterThan(80);
    expect(latin.length).toBeGreaterThan(30);
    const phones = customers.map((c) => c.phone ?? "");
    expect(phones.some((p) => p.startsWith("+86 "))).toBe(true);
    expect(phones.some((p) => p.startsWith("+1 "))).toBe(true);
    const countries = new Set(customers.map((c) => c.address?.country));
    expect(countries).toContain("中国");
    expect(countries).toContain("Germany");
  });

  it("tags customers with one tag per meaning, labelled in Chinese and in English", async () => {
    type Tag = { key: string; labelZh: string; labelEn: string };
    const tags = (await admin.get<{ values: Tag[] }>("/api/v1/option-lists/customer.tags")).body.values;
    expect(tags.find((t) => t.labelZh === "重点客户")?.labelEn).toBe("Key account");
    expect(tags.find((t) => t.labelEn === "Trade show")?.labelZh).toBe("展会");
    for (const language of ["labelZh", "labelEn"] as const) {
      expect(new Set(tags.map((t) => t[language].toLowerCase())).size).toBe(tags.length);
    }
    // Only names that read the same in both languages (VIP, OEM) keep one label for both.
    expect(
      tags
        .filter((t) => t.labelZh === t.labelEn)
        .map((t) => t.key)
        .sort(),
    ).toEqual(["oem", "vip"]);
    const [stray] = await queryRows<{ n: number }>(
      ctx.handle.db,
      sql`select count(*)::int as n from customers c, unnest(c.tags) as tag
          where tag not in (select key from option_values where list_key = 'customer.tags')`,
    );
    expect(stray?.n).toBe(0);
  });

  it("builds the department tree in the organization's language, each customer in its owner's department", async () => {
    const departments = await admin.get<{ data: { name: string }[] }>("/api/v1/departments");
    expect(departments.body.data.map((d) => d.name).sort()).toEqual(
      ["总部", "销售部", "华东区", "华南区", "市场部", "客服部"].sort(),
    );
    const [mismatch] = await queryRows<{ n: number }>(
      ctx.handle.db,
      sql`select count(*)::int as n from customers c join users u on u.id = c.owner_id
          where c.department_id is distinct from u.department_id`,
    );
    expect(mismatch?.n).toBe(0);
  });

  it("lets a sales rep see only their own customers", async () => {
    const email = "wang.fang@demo.rapport.local";
    const rep = await ctx.signIn(email, PASSWORD);
    const repId = await userId(email);
    const seen = await listAll(rep);
    const owned = (await listAll(admin)).filter((c) => c.ownerId === repId);
    expect(owned.length).toBeGreaterThan(5);
    expect(seen.map((c) => c.id).sort()).toEqual(owned.map((c) => c.id).sort());
  });

  it("lets a sales manager see their team's customers and nobody else's", async () => {
    const manager = await ctx.signIn("li.na@demo.rapport.local", PASSWORD);
    const team = await Promise.all(
      ["li.na", "wang.fang", "liu.yang"].map((key) => userId(`${key}@demo.rapport.local`)),
    );
    const seen = await listAll(manager);
    const expected = (await listAll(admin)).filter((c) => c.ownerId !== null && team.includes(c.ownerId));
    expect(seen.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(seen.length).toBeLessThan(DEMO_CUSTOMER_COUNT - 3);
  });

  it("gives every live customer its people: one primary contact each, mailed at the company's domain", async () => {
    const customers = await listAll(admin);
    const contacts = await everyPage<Contact>(admin, "/api/v1/contacts");
    const peopleOf = groupBy(contacts, (contact) => contact.customerId);
    for (const customer of customers) {
      const people = peopleOf.get(customer.id) ?? [];
      expect(people.length, customer.name).toBeGreaterThanOrEqual(1);
      expect(people.length, customer.name).toBeLessThanOrEqual(3);
      expect(
        people.filter((person) => person.isPrimary),
        customer.name,
      ).toHaveLength(1);
      const domain = customer.website?.replace(/^www\./, "");
      const addresses = people.flatMap((person) => person.emails.map((email) => email.address));
      if (domain)
        expect(
          addresses.every((address) => address.endsWith(`@${domain}`)),
          customer.name,
        ).toBe(true);
    }
    expect(contacts.every((contact) => contact.phones.length === 1)).toBe(true);
    // People met at a trade show, whose company nobody knows yet.
    expect(peopleOf.get(null)?.length).toBeGreaterThan(0);
  });

  it("logs follow-ups, each customer's last and next follow-up exactly what the follow-ups service makes of them", async () => {
    const organizationId = await organizationNamed("示例公司 Demo Co.");
    const summaries = (db: Executor) =>
      queryRows<{ id: string; last: string | null; next: string | null }>(
        db,
        sql`select id, last_follow_up_at::text as last, next_follow_up_at::text as next
            from customers where organization_id = ${organizationId} order by id`,
      );
    const loaded = await summaries(ctx.handle.db);
    expect(loaded.filter((customer) => customer.last !== null).length).toBeGreaterThan(120);
    expect(loaded.filter((customer) => customer.next !== null).length).toBeGreaterThan(30);
    await ctx.handle.db.transaction((tx) =>
      refreshFollowUpSummary(
        tx,
        organizationId,
        loaded.map((customer) => customer.id),
      ),
    );
    expect(await summaries(ctx.handle.db)).toEqual(loaded);

    // What a rep's "follow-ups due" and the customer list's filters show.
    const due = async (when: string) =>
      (await admin.get<List>(`/api/v1/customers?followUpDue=${when}&limit=200`)).body.data;
    expect((await due("today")).length).toBeGreaterThanOrEqual(5);
    expect((await due("overdue")).length).toBeGreaterThanOrEqual(5);
    expect((await due("week")).length).toBeGreaterThan((await due("today")).length);

    // A customer's own follow-ups: by its owner, in the organization's language, the latest its last.
    const customer = (await due("today"))[0];
    if (!customer) throw new Error("no customer due today");
    type FollowUp = { occurredAt: string; ownerId: string; content: string; nextFollowUpAt: string | null };
    const logged = await everyPage<FollowUp>(admin, `/api/v1/follow-ups?customerId=${customer.id}`);
    expect(logged.length).toBeGreaterThan(0);
    const times = logged.map((followUp) => followUp.occurredAt).sort();
    expect(times.at(-1)).toBe(customer.lastFollowUpAt);
    expect(logged.every((followUp) => followUp.ownerId === customer.ownerId && cjk.test(followUp.content))).toBe(true);
    expect(logged.find((followUp) => followUp.occurredAt === customer.lastFollowUpAt)?.nextFollowUpAt).toBe(
      customer.nextFollowUpAt,
    );
    // Its 360° timeline has the follow-ups and the people added.
    type Entry = { kind: string };
    const timeline = await admin.get<List<Entry>>(`/api/v1/customers/${customer.id}/timeline?limit=100`);
    const kinds = new Set(timeline.body.data.map((entry) => entry.kind));
    expect(kinds).toContain("followUp");
    expect(kinds).toContain("contact");
  });

  it("gives the admin tasks due today, and each rep tasks today, overdue, upcoming and done about their customers", async () => {
    const mine = async (client: ApiClient, query: string) => {
      const res = await client.get<List<Task>>(`/api/v1/tasks/mine?${query}&limit=200`);
      expect(res.status).toBe(200);
      return res.body.data;
    };
    expect((await mine(admin, "due=today")).length).toBeGreaterThanOrEqual(2);
    expect((await mine(admin, "due=overdue")).length).toBeGreaterThanOrEqual(1);
    for (const key of ["wang.fang", "david.miller"]) {
      const rep = await ctx.signIn(`${key}@demo.rapport.local`, PASSWORD);
      for (const query of ["due=today", "due=overdue", "due=upcoming", "status=done"]) {
        const found = await mine(rep, query);
        expect(found.length, `${key} ${query}`).toBeGreaterThan(0);
        expect(found.every((task) => task.relatedName !== null)).toBe(true);
      }
    }
    // Reminders only ahead: none fires as the demo starts.
    const [reminders] = await queryRows<{ ahead: number; past: number; fired: number }>(
      ctx.handle.db,
      sql`select count(*) filter (where run_at > now())::int as ahead,
            count(*) filter (where run_at <= now())::int as past,
            (select count(*)::int from notifications where kind = 'taskReminder') as fired
          from jobs where queue = 'task-reminder'`,
    );
    expect(reminders?.ahead).toBeGreaterThan(0);
    expect(reminders?.past).toBe(0);
    expect(reminders?.fired).toBe(0);
  });

  it("has each salesperson hear of the task their manager gave them, and the admin of the approvals asked", async () => {
    type Notice = { kind: string; params: Record<string, unknown>; readAt: string | null };
    const rep = await ctx.signIn("wang.fang@demo.rapport.local", PASSWORD);
    const notices = (await rep.get<List<Notice>>("/api/v1/notifications")).body.data;
    expect(notices.some((n) => n.kind === "taskAssigned" && n.params.by === "李娜" && n.readAt === null)).toBe(true);
    const unread = await admin.get<{ count: number }>("/api/v1/notifications/unread-count");
    expect(unread.body.count).toBeGreaterThanOrEqual(2);
  });

  it("shows the duplicate finder the deliberate near-duplicates and nothing else", async () => {
    const groups = async (objectType: string) => {
      const res = await admin.get<List<Group>>(`/api/v1/duplicates/groups?objectType=${objectType}&limit=200`);
      expect(res.status).toBe(200);
      return res.body.data.map(
        (group) => [group.matches.map((m) => m.field), group.records.map((record) => record.name).sort()] as const,
      );
    };
    const sorted = <T>(list: T[]) => list.map((item) => JSON.stringify(item)).sort();
    expect(sorted(await groups("customer"))).toEqual(
      sorted([
        // A pair sharing two keys is one group listing both.
        [
          ["name", "phone"],
          ["上海星辰科技", "上海星辰科技有限公司"],
        ],
        [["domain"], ["云帆新能源（深圳）", "深圳云帆新能源有限公司"]],
        [
          ["domain", "name"],
          ["Northwind Analytics", "Northwind Analytics Inc."],
        ],
      ]),
    );
    // The person entered again with each second record: same name, same mobile.
    const contactGroups = await groups("contact");
    expect(contactGroups).toHaveLength(3);
    for (const [fields, [one, other]] of contactGroups) {
      expect(fields).toEqual(["phone"]);
      expect(one).toBe(other);
    }
  });

  it("gives the same data for the same seed in a second organization, in that organization's language", async () => {
    const secondOrgId = await ctx.handle.db.transaction(async (tx) => {
      const created = await createOrganization(tx, {
        name: "Demo Two",
        locale: "en",
        baseCurrency: "USD",
        timeZone: "UTC",
        admin: { name: "Second admin", email: "admin@two.test", password: PASSWORD },
      });
      await loadDemoData(tx, created);
      return created.organization.id;
    });
    const firstOrgId = await organizationNamed("示例公司 Demo Co.");
    // What each generator made, without ids, times or words: those differ by design.
    const shapes = {
      customers: (org: string) => sql`select name, phone, email, website from customers
        where organization_id = ${org} order by name`,
      contacts: (org: string) => sql`select coalesce(cu.name, '') as customer, c.name, c.phones, c.emails, c.is_primary
        from contacts c left join customers cu on cu.id = c.customer_id
        where c.organization_id = ${org} order by 1, 2`,
      followUps: (org: string) => sql`select coalesce(cu.name, '') as customer, f.kind, count(*)::int as n
        from follow_ups f left join customers cu on cu.id = f.customer_id
        where f.organization_id = ${org} group by 1, 2 order by 1, 2`,
      tasks: (org: string) => sql`select case when u.is_admin then 'admin'
          else regexp_replace(split_part(u.email, '@', 1), '\.[0-9a-f]{8}$', '') end as owner,
          coalesce(cu.name, '') as customer, t.priority, t.status, t.all_day
        from tasks t join users u on u.id = t.owner_id left join customers cu on cu.id = t.related_id
        where t.organization_id = ${org} order by 1, 2, 3, 4, 5`,
    };
    for (const [what, query] of Object.entries(shapes)) {
      const first = await queryRows(ctx.handle.db, query(firstOrgId));
      expect(first.length, what).toBeGreaterThan(0);
      expect(await queryRows(ctx.handle.db, query(secondOrgId)), what).toEqual(first);
    }
    const words = async (org: string) =>
      (
        await queryRows<{ text: string }>(
          ctx.handle.db,
          sql`select content as text from follow_ups where organization_id = ${org}
              union all select title from tasks where organization_id = ${org}`,
        )
      ).map((row) => row.text);
    expect((await words(firstOrgId)).every((text) => cjk.test(text))).toBe(true);
    expect((await words(secondOrgId)).some((text) => cjk.test(text))).toBe(false);
    const secondDepartments = await queryRows<{ name: string }>(
      ctx.handle.db,
      sql`select name from departments where organization_id = ${secondOrgId} order by name`,
    );
    expect(secondDepartments.map((d) => d.name)).toEqual([
      "East",
      "Head office",
      "Marketing",
      "Sales",
      "Service",
      "South",
    ]);
  });
});
