import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../test/harness.ts";
import { addPerson } from "../modules/pool/test-support.ts";
import { LIST_COUNT_CAP } from "./list-count.ts";

type Named = { id: string; name: string };
type List = { data: Named[]; nextCursor: string | null };
type Count = { data: { count: number; capped: boolean } };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
let rep: { id: string; client: ApiClient };
let colleague: { id: string; client: ApiClient };

async function customer(name: string, body: Record<string, unknown> = {}): Promise<Named> {
  const res = await admin.post<Named>("/api/v1/customers", { name, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The list's count, asserted to answer 200. */
async function countOf(client: ApiClient, url: string) {
  const res = await client.get<Count>(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

/** Every row the list shows with the query, all pages. */
async function listed(client: ApiClient, path: string, query: string): Promise<Named[]> {
  const rows: Named[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${cursor}` : "";
    const res = await client.get<List>(`${path}?limit=200&${query}${after}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    rows.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return rows;
}

/** The count agrees with the list, row for row, for this caller and query. */
async function expectCountOfList(client: ApiClient, path: string, query: string, expected: number) {
  expect(await listed(client, path, query)).toHaveLength(expected);
  expect(await countOf(client, `${path}/count?${query}`)).toEqual({ count: expected, capped: false });
}

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId } = await setUpOrganization(ctx));
  rep = await addPerson(ctx, admin, "rep", "Sales rep");
  colleague = await addPerson(ctx, admin, "colleague", "Sales rep");
  const field = await admin.post("/api/v1/custom-fields", {
    objectType: "customer",
    key: "tier",
    type: "singleChoice",
    label: { en: "Tier", "zh-CN": "等级" },
    options: ["gold", "silver"].map((key) => ({ key, label: { en: key, "zh-CN": key } })),
  });
  expect(field.status, JSON.stringify(field.body)).toBe(201);
});
afterAll(() => ctx.close());

describe("counting a customer list", () => {
  it("counts what the list shows with its search, filters and custom field filters", async () => {
    await customer("Tally Gold A", { ownerId: rep.id, kind: "company", custom: { tier: "gold" } });
    await customer("Tally Gold B", { ownerId: rep.id, kind: "person", custom: { tier: "gold" } });
    await customer("Tally Silver", { ownerId: rep.id, kind: "company", custom: { tier: "silver" }, tags: ["vip"] });
    await customer("Tally Plain", { ownerId: colleague.id, kind: "company" });
    const path = "/api/v1/customers";
    await expectCountOfList(admin, path, "q=tally", 4);
    await expectCountOfList(admin, path, "q=tally&kind=company", 3);
    await expectCountOfList(admin, path, "q=tally&custom.tier=gold", 2);
    await expectCountOfList(admin, path, "q=tally&custom.tier[in]=gold,silver&kind=company", 2);
    await expectCountOfList(admin, path, "q=tally&tag=vip", 1);
    await expectCountOfList(admin, path, `q=tally&ownerId=${colleague.id}`, 1);
    await expectCountOfList(admin, path, "q=nothing-called-this", 0);
  });

  it("counts for a rep only the customers they see: their own and those shared with them", async () => {
    const theirs = await customer("Scope Theirs", { ownerId: colleague.id });
    await customer("Scope Mine", { ownerId: rep.id });
    await customer("Scope Other", { ownerId: colleague.id });
    await expectCountOfList(rep.client, "/api/v1/customers", "q=scope", 1);
    await expectCountOfList(admin, "/api/v1/customers", "q=scope", 3);
    // A read-only share puts the customer in the rep's list, so in the count too.
    const share = await colleague.client.request("PUT", `/api/v1/customers/${theirs.id}/members/${rep.id}`, {
      access: "read",
    });
    expect(share.status, JSON.stringify(share.body)).toBeLessThan(300);
    await expectCountOfList(rep.client, "/api/v1/customers", "q=scope", 2);
  });

  it("counts the trash apart from the live list", async () => {
    const gone = await customer("Binned One", { ownerId: rep.id });
    await customer("Binned Two", { ownerId: rep.id });
    expect((await admin.delete(`/api/v1/customers/${gone.id}`)).status).toBe(204);
    await expectCountOfList(admin, "/api/v1/customers", "q=binned", 1);
    await expectCountOfList(admin, "/api/v1/customers", "q=binned&deleted=true", 1);
    // The rep moved nothing to the trash they cannot see: theirs is counted there too.
    await expectCountOfList(rep.client, "/api/v1/customers", "q=binned&deleted=true", 1);
  });

  it("refuses the parameters the list refuses, with the same 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["color=red", "color"],
      ["kind=planet", "kind"],
      ["level=no-such-level", "level"],
      ["custom.nope=x", "custom.nope"],
      ["custom.tier=platinum", "custom.tier"],
      ["custom.tier[near]=gold", "custom.tier[near]"],
      ["deleted=perhaps", "deleted"],
      [`q=${"x".repeat(201)}`, "q"],
    ];
    for (const [query, path] of cases) {
      const list = await admin.get<ErrorBody>(`/api/v1/customers?${query}`);
      const count = await admin.get<ErrorBody>(`/api/v1/customers/count?${query}`);
      expect([query, list.status, count.status]).toEqual([query, 400, 400]);
      expect(count.body.error.details[0]?.path).toBe(path);
      expect(count.body.error).toEqual(list.body.error);
    }
    // Sort and paging are the list's alone.
    const sorted = await admin.get<ErrorBody>("/api/v1/customers/count?sort=name");
    expect(sorted.status).toBe(400);
    expect(sorted.body.error.details[0]?.path).toBe("sort");
  });

  it("takes the list's view permission", async () => {
    const role = await admin.post("/api/v1/roles", {
      name: "Tasks only",
      permissions: { tasks: { actions: ["view"], scope: "own" } },
    });
    expect(role.status).toBe(201);
    const tasker = await addPerson(ctx, admin, "tasker", "Tasks only");
    expect((await tasker.client.get("/api/v1/customers/count")).status).toBe(403);
    expect((await tasker.client.get("/api/v1/contacts/count")).status).toBe(403);
    expect(await countOf(tasker.client, "/api/v1/tasks/count")).toEqual({ count: 0, capped: false });
  });

  it(`stops counting past ${LIST_COUNT_CAP} and says so`, async () => {
    // Volume is set up in SQL; what is under test is the count.
    await ctx.handle.db.execute(sql`
      insert into customers (id, organization_id, name, owner_id)
      select gen_random_uuid(), ${organizationId}, 'Throng', ${rep.id}
      from generate_series(1, ${LIST_COUNT_CAP + 2})`);
    expect(await countOf(admin, "/api/v1/customers/count?q=throng")).toEqual({ count: LIST_COUNT_CAP, capped: true });
    expect(await countOf(rep.client, "/api/v1/customers/count")).toEqual({ count: LIST_COUNT_CAP, capped: true });
    // Exactly at the cap is still exact.
    await ctx.handle.db.execute(
      sql`delete from customers where id in (select id from customers where name = 'Throng' limit 2)`,
    );
    expect(await countOf(admin, "/api/v1/customers/count?q=throng")).toEqual({ count: LIST_COUNT_CAP, capped: false });
  });
});

describe("counting other lists", () => {
  it("counts contacts in the caller's scope, with their filters and trash", async () => {
    for (const name of ["Ann Tallied", "Bob Tallied"]) {
      expect((await rep.client.post("/api/v1/contacts", { name })).status).toBe(201);
    }
    const cat = await colleague.client.post<Named>("/api/v1/contacts", { name: "Cat Tallied" });
    expect(cat.status).toBe(201);
    await expectCountOfList(rep.client, "/api/v1/contacts", "q=tallied", 2);
    await expectCountOfList(admin, "/api/v1/contacts", "q=tallied", 3);
    expect((await admin.delete(`/api/v1/contacts/${cat.body.id}`)).status).toBe(204);
    await expectCountOfList(admin, "/api/v1/contacts", "q=tallied&deleted=true", 1);
    const bad = await rep.client.get<ErrorBody>("/api/v1/contacts/count?buyingRole=king");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe("buyingRole");
  });

  it("counts the public pool for a rep: every owner-less customer, with the pool's filters", async () => {
    await customer("Pooled Gold", { ownerId: null, custom: { tier: "gold" } });
    await customer("Pooled Plain", { ownerId: null, kind: "person" });
    await customer("Pooled Owned", { ownerId: colleague.id });
    const pool = "/api/v1/pool/customers";
    await expectCountOfList(rep.client, pool, "q=pooled", 2);
    await expectCountOfList(rep.client, pool, "q=pooled&custom.tier=gold", 1);
    await expectCountOfList(rep.client, pool, "q=pooled&kind=person", 1);
    // The pool has no owner filter and no trash, as its list has none.
    for (const [query, path] of [
      [`ownerId=${rep.id}`, "ownerId"],
      ["deleted=true", "deleted"],
      ["custom.nope=1", "custom.nope"],
    ]) {
      const count = await rep.client.get<ErrorBody>(`${pool}/count?${query}`);
      expect(count.status).toBe(400);
      expect(count.body.error.details[0]?.path).toBe(path);
      expect(count.body.error).toEqual((await rep.client.get<ErrorBody>(`${pool}?${query}`)).body.error);
    }
  });

  it("is in the OpenAPI document for every list", async () => {
    const doc = await ctx.anonymous.get<{ paths: Record<string, { get?: unknown }> }>("/api/openapi.json");
    for (const path of ["customers", "contacts", "pool/customers", "tasks", "follow-ups"]) {
      expect(doc.body.paths[`/api/v1/${path}/count`]?.get, path).toBeDefined();
    }
  });
});
