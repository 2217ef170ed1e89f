import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { queryRows } from "../db/client.ts";
import { createJobRunner } from "../jobs/runner.ts";
import { loadCustomFields } from "./index.ts";
import { indexName, scheduleStaleIndexes } from "./indexes.ts";
import { customFilterConditions } from "./query.ts";
import { customObjects } from "./registry.ts";
import { holdersQuery } from "./unique.ts";

type List = { data: { name: string }[] };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
const SEEDED = 5_000;

const runJobs = async () => {
  const runner = createJobRunner(ctx.handle.db, { onError: (e) => console.error(e) });
  while ((await runner.runDueJobs()) > 0);
};
const customerTable = () => {
  const object = customObjects().get("customer");
  if (!object) throw new Error("customers take no custom fields");
  return object.table;
};
const field = async (key: string) => {
  const found = (await loadCustomFields(ctx.handle.db, organizationId, "customer", { fresh: true })).find(
    (f) => f.key === key,
  );
  if (!found) throw new Error(`no field ${key}`);
  return found;
};
const indexDefinition = async (key: string) => {
  const [row] = await queryRows<{ definition: string }>(
    ctx.handle.db,
    sql`select indexdef as definition from pg_indexes where indexname = ${indexName((await field(key)).id)}`,
  );
  return row?.definition;
};
/** The plan PostgreSQL picks for a query, as EXPLAIN writes it. */
const plan = async (query: SQL) =>
  (await queryRows<{ "QUERY PLAN": string }>(ctx.handle.db, sql`explain ${query}`))
    .map((r) => r["QUERY PLAN"])
    .join("\n");
const usesIndex = (text: string, name: string) =>
  new RegExp(`(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) ${name}\\b`).test(text);

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId } = await setUpOrganization(ctx));
  for (const body of [
    { key: "code", type: "text", indexed: true },
    { key: "login", type: "email", unique: true },
    { key: "ref", type: "text", unique: true },
  ]) {
    const res = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      label: { en: body.key, "zh-CN": `${body.key}（中）` },
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // An organization's worth of customers, each with its own values (a bulk insert: the API would take minutes).
  await ctx.handle.db.execute(sql`
    insert into customers (id, organization_id, name, custom)
    select gen_random_uuid(), ${organizationId}, 'Seeded ' || g,
      jsonb_build_object('code', 'CODE-' || g, 'login', 'User' || g || '@Example.com', 'ref', 'Ref-' || g)
    from generate_series(1, ${SEEDED}) g`);
  await runJobs();
  await ctx.handle.db.execute(sql`analyze customers`);
});
afterAll(() => ctx.close());

describe("custom field indexes", () => {
  it("hold text-like fields without case, and serve the eq and in filters", async () => {
    expect(await indexDefinition("code")).toContain("lower((custom ->> 'code'::text))");
    const table = customerTable();
    const fields = [await field("code")];
    const queries: Record<string, string>[] = [
      { "custom.code": "code-42" },
      { "custom.code[in]": 'code-42,"CODE-43"' },
    ];
    for (const query of queries) {
      const [condition] = customFilterConditions(table, fields, query);
      const text = await plan(
        sql`select id from customers where organization_id = ${organizationId} and deleted_at is null and ${condition}`,
      );
      expect(usesIndex(text, indexName(fields[0]?.id ?? "")), text).toBe(true);
    }
    const found = await admin.get<List>("/api/v1/customers?custom.code=code-42");
    expect(found.body.data.map((c) => c.name)).toEqual(["Seeded 42"]);
  });

  it("serve the unique check of an email and of a text field", async () => {
    const table = customerTable();
    for (const [key, value] of [
      ["login", "user77@example.COM"],
      ["ref", "Ref-77"],
    ] as const) {
      const f = await field(key);
      const text = await plan(holdersQuery(organizationId, table, f, [value]));
      expect(usesIndex(text, indexName(f.id)), text).toBe(true);
    }
    // The checks still mean what they did: an email without case, other text as written.
    const taken = await admin.post("/api/v1/customers", { name: "Taken", custom: { login: "USER77@example.com" } });
    expect(taken.status).toBe(409);
    const otherCase = await admin.post("/api/v1/customers", { name: "Other case", custom: { ref: "REF-77" } });
    expect(otherCase.status).toBe(201);
    const same = await admin.post("/api/v1/customers", { name: "Same", custom: { ref: "Ref-77" } });
    expect(same.status).toBe(409);
  });

  it("rebuild at start an index built before text compared without case, and only that one", async () => {
    const code = await field("code");
    const name = indexName(code.id);
    // The index as an earlier version built it: on the value as stored.
    await ctx.handle.db.execute(sql.raw(`drop index "${name}"`));
    await ctx.handle.db.execute(
      sql.raw(
        `create index "${name}" on customers using btree ((custom->>'code'), id) ` +
          `where organization_id = '${organizationId}' and deleted_at is null`,
      ),
    );
    expect(await indexDefinition("code")).not.toContain("lower(");
    expect(await scheduleStaleIndexes(ctx.handle.db)).toBe(1);
    // A second node starting at the same time schedules the same job, which runs once.
    await scheduleStaleIndexes(ctx.handle.db);
    const [jobs] = await queryRows<{ n: number }>(
      ctx.handle.db,
      sql`select count(*)::int as n from jobs where queue = 'custom-field-sync' and key like ${`${code.id}@%:rebuild`}`,
    );
    expect(jobs?.n).toBe(1);
    await runJobs();
    expect(await indexDefinition("code")).toContain("lower((custom ->> 'code'::text))");
    expect(await scheduleStaleIndexes(ctx.handle.db)).toBe(0);
  });
});
