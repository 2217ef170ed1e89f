import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Batch = { id: string; status: string; createdCount: number };
type Row = { id: string; name: string; customerId?: string | null; version: number };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

async function importFile(objectType: string, csv: string, mapping: Record<string, string>) {
  const id = (await uploadImport<{ batch: Batch }>(ctx, admin, csv, `objectType=${objectType}`)).body.batch.id;
  expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping })).status).toBe(202);
  await runDueJobs(ctx);
  expect((await admin.get<Batch>(`/api/v1/imports/${id}`)).body.status).toBe("done");
  return id;
}

const named = async (path: string, q: string) =>
  (await admin.get<{ data: Row[] }>(`/api/v1/${path}?q=${encodeURIComponent(q)}`)).body.data;

describe("undoing an import keeps what users added since", () => {
  it("keeps the customers that got a follow-up, a contact or a team member, and reverts the rest", async () => {
    const batchId = await importFile(
      "customer",
      "Name\r\nUndo Followed Co\r\nUndo Contact Co\r\nUndo Shared Co\r\nUndo Plain Co\r\n",
      { "0": "name" },
    );
    const [followed, withContact, shared] = await Promise.all(
      ["Undo Followed Co", "Undo Contact Co", "Undo Shared Co"].map(async (n) =>
        (await named("customers", n)).find((c) => c.name === n),
      ),
    );
    const followUp = await admin.post<{ id: string }>("/api/v1/follow-ups", {
      customerId: followed?.id,
      kind: "meeting",
      content: "Two hours, signed the letter of intent",
    });
    expect(followUp.status).toBe(201);
    const contact = await admin.post<Row>("/api/v1/contacts", { name: "Undo CFO", customerId: withContact?.id });
    expect(contact.status).toBe(201);
    const colleague = await admin.post<{ id: string }>("/api/v1/users", {
      name: "Colleague",
      email: "colleague@acme.test",
      password: PASSWORD,
      roleIds: [],
    });
    const member = await admin.request("PUT", `/api/v1/customers/${shared?.id}/members/${colleague.body.id}`, {
      access: "read",
    });
    expect(member.status).toBe(200);

    // Nothing was edited, yet the undo asks first, naming each row and why.
    const refused = await admin.post<ErrorBody>(`/api/v1/imports/${batchId}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([
      { path: "rows.2", message: `record ${followed?.id} has followUps added since the import` },
      { path: "rows.3", message: `record ${withContact?.id} has contacts added since the import` },
      { path: "rows.4", message: `record ${shared?.id} has members added since the import` },
    ]);
    expect(await named("customers", "Undo Plain Co")).toHaveLength(1);

    const undone = await admin.post<{ reverted: number; kept: number }>(`/api/v1/imports/${batchId}/undo?force=true`);
    expect(undone.body).toEqual({ reverted: 1, kept: 3 });
    expect(await named("customers", "Undo Plain Co")).toHaveLength(0);
    expect((await named("customers", "Undo ")).map((c) => c.name).sort()).toEqual([
      "Undo Contact Co",
      "Undo Followed Co",
      "Undo Shared Co",
    ]);
    expect((await admin.get(`/api/v1/follow-ups/${followUp.body.id}`)).body).toMatchObject({
      customerId: followed?.id,
    });
    expect((await admin.get(`/api/v1/contacts/${contact.body.id}`)).body).toMatchObject({
      customerId: withContact?.id,
    });
    const members = await admin.get<{ data: { userId: string }[] }>(`/api/v1/customers/${shared?.id}/members`);
    expect(members.body.data.map((m) => m.userId)).toContain(colleague.body.id);

    const report = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${batchId}/report.csv`,
      headers: { cookie: admin.auth.cookie ?? "" },
    });
    const lines = report.body.slice(1).trim().split("\r\n");
    expect(lines[1]).toContain("kept by the undo: followUps added since the import");
    expect(lines[4]).not.toContain("kept");
  });

  it("keeps an imported contact a follow-up names since", async () => {
    const customer = await admin.post<Row>("/api/v1/customers", { name: "Undo Contacts Home" });
    const batchId = await importFile(
      "contact",
      "Name,Company\r\nUndo Named,Undo Contacts Home\r\nUndo Unnamed,Undo Contacts Home\r\n",
      { "0": "name", "1": "customer" },
    );
    const namedContact = (await named("contacts", "Undo Named")).find((c) => c.name === "Undo Named");
    expect(namedContact?.customerId).toBe(customer.body.id);
    const followUp = await admin.post("/api/v1/follow-ups", {
      customerId: customer.body.id,
      contactIds: [namedContact?.id],
      kind: "call",
      content: "Called",
    });
    expect(followUp.status).toBe(201);
    const undone = await admin.post<{ reverted: number; kept: number }>(`/api/v1/imports/${batchId}/undo?force=true`);
    expect(undone.body).toEqual({ reverted: 1, kept: 1 });
    const left = (await named("contacts", "Undo")).map((c) => c.name);
    expect(left).toContain("Undo Named");
    expect(left).not.toContain("Undo Unnamed");
  });
});
