import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { addPerson } from "./test-support.ts";

type Customer = { id: string; name: string; tags: string[]; version: number; updatedAt: string };
type Count = { count: number; limit: number };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
let rep: { id: string; client: ApiClient };
let outsider: { id: string; client: ApiClient };

async function customers(prefix: string, n: number, ownerId: string, tags: string[] = []): Promise<Customer[]> {
  const made: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const res = await admin.post<Customer>("/api/v1/customers", { name: `${prefix} ${i}`, ownerId, tags });
    expect(res.status).toBe(201);
    made.push(res.body);
  }
  return made;
}

const countCustomers = (client: ApiClient, filter: Record<string, unknown>) =>
  client.post<Count>("/api/v1/customers/bulk/count", { filter });

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId } = await setUpOrganization(ctx));
  rep = await addPerson(ctx, admin, "rep", "Sales rep");
  outsider = await addPerson(ctx, admin, "outsider", "Sales rep");
});
afterAll(() => ctx.close());

describe("counting what a bulk action on all that match would change", () => {
  it("counts the customers the filter matches, changing none of them", async () => {
    const tagged = await customers("Counted", 3, rep.id, ["vip"]);
    await customers("Counted plain", 2, rep.id);
    const res = await countCustomers(rep.client, { q: "counted", tag: "vip" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 3, limit: 1000 });
    expect((await countCustomers(rep.client, { q: "counted" })).body.count).toBe(5);
    // The count is only a question: every record keeps its version, and its history has no new entry.
    for (const before of tagged) {
      const after = await admin.get<Customer>(`/api/v1/customers/${before.id}`);
      expect(after.body).toMatchObject({ version: before.version, updatedAt: before.updatedAt, tags: ["vip"] });
      const audit = await admin.get<{ data: unknown[] }>(`/api/v1/customers/${before.id}/audit`);
      expect(audit.body.data).toHaveLength(1);
    }
    // The bulk action with the same filter changes that many.
    const untag = await rep.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "removeTag",
      tag: "vip",
      filter: { q: "counted", tag: "vip" },
    });
    expect(untag.body.count).toBe(3);
  });

  it("leaves out the customers shared with the caller read-only, as the action does", async () => {
    await customers("Shared count", 1, rep.id);
    const [shared] = await customers("Shared count theirs", 1, outsider.id);
    await outsider.client.request("PUT", `/api/v1/customers/${shared?.id}/members/${rep.id}`, { access: "read" });
    const listed = await rep.client.get<{ data: Customer[] }>("/api/v1/customers?q=shared count");
    expect(listed.body.data).toHaveLength(2);
    expect((await countCustomers(rep.client, { q: "shared count" })).body.count).toBe(1);
  });

  it("answers limit + 1 when more than the limit match, where the action is refused", async () => {
    // Volume is set up in SQL; what is under test is the count.
    await ctx.handle.db.execute(sql`
      insert into customers (id, organization_id, name, owner_id)
      select gen_random_uuid(), ${organizationId}, 'Crowd ' || n, ${rep.id}
      from generate_series(1, 1005) as n`);
    expect((await countCustomers(admin, { q: "crowd" })).body).toEqual({ count: 1001, limit: 1000 });
    const refused = await admin.post("/api/v1/customers/bulk", { action: "delete", filter: { q: "crowd" } });
    expect(refused.status).toBe(413);
    expect((await countCustomers(admin, { q: "crowd 100" })).body.count).toBe(7); // 100, 1000-1005
  });

  it("refuses a bad filter with a 400 naming filter.<param>, as the action does", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ q: "x", color: "red" }, "filter.color"],
      [{ level: "no-such-level" }, "filter.level"],
      [{ "custom.nope": "x" }, "filter.custom.nope"],
    ];
    for (const [filter, path] of cases) {
      const count = await admin.post<ErrorBody>("/api/v1/customers/bulk/count", { filter });
      expect(count.status).toBe(400);
      expect(count.body.error.details[0]?.path).toBe(path);
      const action = await admin.post<ErrorBody>("/api/v1/customers/bulk", { action: "delete", filter });
      expect(action.status).toBe(400);
      expect(action.body.error.details[0]?.path).toBe(path);
    }
    const missing = await admin.post<ErrorBody>("/api/v1/customers/bulk/count", {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]?.path).toBe("filter");
  });

  it("takes the list's view permission", async () => {
    const role = await admin.post("/api/v1/roles", {
      name: "Tasks only",
      permissions: { tasks: { actions: ["view"], scope: "own" } },
    });
    expect(role.status).toBe(201);
    const tasker = await addPerson(ctx, admin, "tasker", "Tasks only");
    expect((await countCustomers(tasker.client, { q: "counted" })).status).toBe(403);
    const contacts = await tasker.client.post("/api/v1/contacts/bulk/count", { filter: {} });
    expect(contacts.status).toBe(403);
  });

  it("counts contacts by their list's filters", async () => {
    for (const name of ["Ann Counted", "Bob Counted"]) {
      expect((await rep.client.post("/api/v1/contacts", { name })).status).toBe(201);
    }
    await outsider.client.post("/api/v1/contacts", { name: "Cat Counted" });
    const res = await rep.client.post<Count>("/api/v1/contacts/bulk/count", { filter: { q: "counted" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 2, limit: 1000 });
    const bad = await rep.client.post<ErrorBody>("/api/v1/contacts/bulk/count", { filter: { color: "red" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe("filter.color");
  });
});
