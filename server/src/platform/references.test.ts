import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../test/harness.ts";
import { queryRows } from "./db/client.ts";

type Row = { id: string; version: number; [key: string]: unknown };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const create = async (path: string, body: Record<string, unknown>) => {
  const res = await admin.post<Row>(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const get = async (path: string) => (await admin.get<Row>(path)).body;
/** Moves a record to the trash, then deletes it for good. */
const purge = async (path: string) => {
  expect((await admin.delete(path)).status).toBe(204);
  expect((await admin.delete(`${path}?purge=true`)).status).toBe(204);
};
const sharesOf = (recordId: string) =>
  queryRows<{ user_id: string }>(ctx.handle.db, sql`select user_id from record_shares where record_id = ${recordId}`);

describe("deleting a record for good leaves nothing pointing at it", () => {
  it("a purged contact leaves its tasks about nothing, and the follow-ups' contact lists", async () => {
    const customer = await create("/api/v1/customers", { name: "Northwind" });
    const [nancy, andrew] = [
      await create("/api/v1/contacts", { name: "Nancy", customerId: customer.id }),
      await create("/api/v1/contacts", { name: "Andrew", customerId: customer.id }),
    ];
    const task = await create("/api/v1/tasks", { title: "Call Nancy", relatedType: "contact", relatedId: nancy?.id });
    const followUp = await create("/api/v1/follow-ups", {
      customerId: customer.id,
      contactIds: [nancy?.id, andrew?.id],
      kind: "meeting",
      content: "Met both",
    });

    await purge(`/api/v1/contacts/${nancy?.id}`);

    expect(await get(`/api/v1/tasks/${task.id}`)).toMatchObject({
      title: "Call Nancy",
      relatedType: null,
      relatedId: null,
      relatedName: null,
      version: task.version + 1,
    });
    const audit = await admin.get<{ data: { changes: unknown[] }[] }>(`/api/v1/tasks/${task.id}/audit`);
    expect(audit.body.data[0]?.changes).toEqual([{ field: "relatedId", from: nancy?.id, to: null }]);
    expect(await get(`/api/v1/follow-ups/${followUp.id}`)).toMatchObject({ contactIds: [andrew?.id] });
  });

  it("a purged customer loses its team members and its tasks' links", async () => {
    const roles = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles");
    const rep = await admin.post<Row>("/api/v1/users", {
      name: "Rep",
      email: "rep@acme.test",
      password: PASSWORD,
      roleIds: [roles.body.data.find((r) => r.name === "Sales rep")?.id],
    });
    const customer = await create("/api/v1/customers", { name: "Contoso" });
    const shared = await admin.request("PUT", `/api/v1/customers/${customer.id}/members/${rep.body.id}`, {
      access: "read",
    });
    expect(shared.status).toBe(200);
    const task = await create("/api/v1/tasks", { title: "Renewal", relatedType: "customer", relatedId: customer.id });
    expect(await sharesOf(customer.id)).toHaveLength(1);

    await purge(`/api/v1/customers/${customer.id}`);

    expect(await sharesOf(customer.id)).toEqual([]);
    expect(await get(`/api/v1/tasks/${task.id}`)).toMatchObject({ relatedType: null, relatedId: null });
  });
});
