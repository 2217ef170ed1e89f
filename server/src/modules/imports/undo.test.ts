import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";
import { createJobRunner } from "../../platform/jobs/runner.ts";
import { runDueJobs, undoImport, uploadImport } from "./test-support.ts";

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

    const undone = await undoImport(ctx, admin, batchId, true);
    expect(undone).toMatchObject({ status: "undone", undoneRows: 4, revertedCount: 1, keptCount: 3 });
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

  it("keeps a record moved to the trash since, and counts one deleted for good as gone, not kept", async () => {
    const batchId = await importFile("customer", "Name\r\nUndo Trashed Co\r\nUndo Purged Co\r\nUndo Left Co\r\n", {
      "0": "name",
    });
    const [trashed, purged] = await Promise.all(
      ["Undo Trashed Co", "Undo Purged Co"].map(async (n) => (await named("customers", n)).find((c) => c.name === n)),
    );
    expect((await admin.request("DELETE", `/api/v1/customers/${trashed?.id}`)).status).toBe(204);
    expect((await admin.request("DELETE", `/api/v1/customers/${purged?.id}`)).status).toBe(204);
    expect((await admin.request("DELETE", `/api/v1/customers/${purged?.id}?purge=true`)).status).toBe(204);

    // The trashed one is the user's to restore: the undo asks first. The purged one asks nothing.
    const refused = await admin.post<ErrorBody>(`/api/v1/imports/${batchId}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([
      { path: "rows.2", message: `record ${trashed?.id} moved to the trash since the import` },
    ]);

    const undone = await undoImport(ctx, admin, batchId, true);
    expect(undone).toMatchObject({ status: "undone", undoneRows: 3, revertedCount: 1, keptCount: 1, goneCount: 1 });
    expect(await named("customers", "Undo Left Co")).toHaveLength(0);
    const inTrash = await admin.get<{ data: Row[] }>("/api/v1/customers?deleted=true&q=Undo%20Trashed");
    expect(inTrash.body.data.map((c) => c.id)).toEqual([trashed?.id]);

    const report = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${batchId}/report.csv`,
      headers: { cookie: admin.auth.cookie ?? "", "accept-language": "zh-CN" },
    });
    const lines = report.body.slice(1).trim().split("\r\n");
    expect(lines[1]).toContain("撤销时保留：导入后被移入回收站");
    expect(lines[2]).toContain("无需撤销：导入后已被彻底删除");
    expect(lines[3]).not.toContain("撤销");
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
    const undone = await undoImport(ctx, admin, batchId, true);
    expect(undone).toMatchObject({ status: "undone", revertedCount: 1, keptCount: 1 });
    const left = (await named("contacts", "Undo")).map((c) => c.name);
    expect(left).toContain("Undo Named");
    expect(left).not.toContain("Undo Unnamed");
  });
});

describe("undoing a large import", () => {
  const ROWS = 6000; // more than one chunk of the undo (5,000 rows)
  const name = (i: number) => `Bulk Undo ${String(i).padStart(5, "0")}`;
  const left = async () =>
    (
      await queryRows<{ n: number }>(
        ctx.handle.db,
        sql`select count(*)::int as n from customers where name like 'Bulk Undo %'`,
      )
    )[0]?.n;

  it("runs in the background right after the import, chunk by chunk, and resumes after a crash", async () => {
    const csv = `Name\r\n${Array.from({ length: ROWS }, (_, i) => name(i + 1)).join("\r\n")}\r\n`;
    const batchId = await importFile("customer", csv, { "0": "name" });
    expect(await left()).toBe(ROWS);
    // The second chunk fails half way, as a crash would: the database refuses to delete one of its records.
    await ctx.handle.db.execute(
      sql.raw(`create function refuse_bulk_undo() returns trigger language plpgsql as $$
      begin if old.name = '${name(5500)}' then raise exception 'disk on fire'; end if; return old; end $$`),
    );
    await ctx.handle.db.execute(
      sql.raw(
        "create trigger refuse_bulk_undo before delete on customers for each row execute function refuse_bulk_undo()",
      ),
    );
    const started = Date.now();
    const undo = await admin.post<{ status: string; undoneRows: number }>(`/api/v1/imports/${batchId}/undo`);
    expect(undo.status).toBe(202);
    expect(undo.body).toMatchObject({ status: "undoing", undoneRows: 0 });
    // Asked again while it runs: the same undo, not a second one.
    expect((await admin.post<{ status: string }>(`/api/v1/imports/${batchId}/undo`)).body.status).toBe("undoing");
    const failures: Error[] = [];
    try {
      await createJobRunner(ctx.handle.db, { onError: (e) => failures.push(e as Error) }).runDueJobs();
    } finally {
      await ctx.handle.db.execute(sql.raw("drop trigger refuse_bulk_undo on customers"));
      await ctx.handle.db.execute(sql.raw("drop function refuse_bulk_undo()"));
    }
    expect(failures.map((e) => (e.cause as Error | undefined)?.message ?? e.message)).toEqual([
      expect.stringContaining("disk on fire"),
    ]);
    // The first chunk is undone, the second not at all; the progress says so.
    expect((await admin.get(`/api/v1/imports/${batchId}`)).body).toMatchObject({
      status: "undoing",
      undoneRows: 5000,
      revertedCount: 5000,
    });
    expect(await left()).toBe(ROWS - 5000);

    // The job's retry (made due now) resumes after the rows already undone.
    await ctx.handle.db.execute(
      sql`update jobs set run_at = now() where queue = 'import-undo' and completed_at is null`,
    );
    await runDueJobs(ctx);
    expect((await admin.get(`/api/v1/imports/${batchId}`)).body).toMatchObject({
      status: "undone",
      undoneRows: ROWS,
      revertedCount: ROWS,
      keptCount: 0,
    });
    expect(await left()).toBe(0);
    // Right after the import, before any statistics: seconds, not the minutes of a plan gone wrong.
    expect(Date.now() - started).toBeLessThan(30_000);
    const purged = await queryRows<{ n: number }>(
      ctx.handle.db,
      sql`select count(*)::int as n from audit_log where action = 'purge' and changes @> ${JSON.stringify([{ field: "importBatch", from: batchId }])}::jsonb`,
    );
    expect(purged[0]?.n).toBe(ROWS);
  }, 180_000);
});
