import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, PASSWORD, type TestContext } from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";
import { createOrganization } from "../organizations/service.ts";
import { DEMO_CUSTOMER_COUNT, loadDemoData } from "./service.ts";

type Customer = {
  id: string;
  name: string;
  ownerId: string | null;
  phone: string | null;
  address: { country?: string } | null;
};
type List = { data: Customer[]; nextCursor: string | null };

let ctx: TestContext;
let admin: ApiClient;

async function listAll(client: ApiClient): Promise<Customer[]> {
  const all: Customer[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: List } = await client.get<List>(
      `/api/v1/customers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status).toBe(200);
    all.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
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

  it("is deterministic, fast, and loads again into a second organization without clashing", async () => {
    const started = performance.now();
    const secondOrgId = await ctx.handle.db.transaction(async (tx) => {
      const created = await createOrganization(tx, {
        name: "Demo Two",
        locale: "en",
        baseCurrency: "USD",
        timeZone: "UTC",
        admin: { name: "Second admin", email: "admin@two.test", password: PASSWORD },
      });
      const loading = performance.now();
      await loadDemoData(tx, created);
      expect(performance.now() - loading).toBeLessThan(2000);
      return created.organization.id;
    });
    expect(performance.now() - started).toBeLessThan(5000);
    const names = async (organizationId: string) =>
      (
        await queryRows<{ name: string }>(
          ctx.handle.db,
          sql`select name from customers where organization_id = ${organizationId} order by name`,
        )
      ).map((r) => r.name);
    const [first] = await queryRows<{ id: string }>(
      ctx.handle.db,
      sql`select id from organizations where id <> ${secondOrgId}`,
    );
    expect(await names(secondOrgId)).toEqual(await names(first?.id ?? ""));
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
