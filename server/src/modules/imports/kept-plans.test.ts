import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  addUserWithRole,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { actorOfUser } from "../../platform/auth/actor.ts";
import { queryRows } from "../../platform/db/client.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { takePlan } from "./kept-plans.ts";
import type { ColumnMapping, ImportOptions } from "./table.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Batch = { id: string; status: string; createdCount: number; skippedCount: number; errorCount: number };
type DryRun = { create: number; skip: number; error: number };
type Outcome = { rowNumber: number; outcome: string; message: string | null };

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;
let organizationId: string;

const file = ["Name,Email,Owner", "Acme Robotics,hello@acme-robotics.example,Nobody Here"].join("\n");
const mapping = { "0": "name", "1": "email", "2": "owner" };

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId, organizationId } = await setUpOrganization(ctx));
  // A row in every table a plan reads, for the changes below to touch.
  await addUserWithRole(ctx, admin, "rep@acme.test", "Sales rep");
  const customer = await admin.post<{ id: string }>("/api/v1/customers", { name: "Standing Co" });
  await admin.post("/api/v1/contacts", { name: "Sam Standing", customerId: customer.body.id });
  await admin.post("/api/v1/departments", { name: "East" });
  await admin.post("/api/v1/custom-fields", {
    objectType: "customer",
    key: "region",
    type: "text",
    label: { en: "Region", "zh-CN": "区域" },
  });
  const [repRow] = await queryRows<{ id: string }>(
    ctx.handle.db,
    sql`select id from users where email = 'rep@acme.test'`,
  );
  const shared = await admin.request("PUT", `/api/v1/customers/${customer.body.id}/members/${repRow?.id}`, {
    access: "read",
  });
  expect(shared.status).toBeLessThan(300);
});
afterAll(() => ctx.close());

async function checked(text = file, body: Record<string, unknown> = { mapping }, lang = "en") {
  const uploaded = await uploadImport<{ batch: { id: string } }>(ctx, admin, text, "objectType=customer");
  expect(uploaded.status).toBe(201);
  const id = uploaded.body.batch.id;
  const res = await admin.request<DryRun>("POST", `/api/v1/imports/${id}/dry-run`, body, { "accept-language": lang });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id, result: res.body };
}

/** What the run would ask for: the batch as the check left it, the importer as they are now. */
async function take(id: string, change: { locale?: Locale; options?: Partial<ImportOptions> } = {}) {
  const [batch] = await queryRows<{ mapping: ColumnMapping; options: ImportOptions }>(
    ctx.handle.db,
    sql`select mapping, options from import_batches where id = ${id}`,
  );
  const actor = await actorOfUser(ctx.handle.db, adminId);
  if (!batch || !actor) throw new Error("no batch or importer");
  const options = { ...batch.options, ...change.options };
  return takePlan(ctx.handle.db, id, { actor, mapping: batch.mapping, options, locale: change.locale ?? "en" });
}

async function run(id: string, body: Record<string, unknown> = { mapping }) {
  expect((await admin.post(`/api/v1/imports/${id}/run`, body)).status).toBe(202);
  await runDueJobs(ctx);
  const batch = (await admin.get<Batch>(`/api/v1/imports/${id}`)).body;
  const rows = await queryRows<Outcome>(
    ctx.handle.db,
    sql`select row_number as "rowNumber", outcome, message from import_rows where batch_id = ${id} order by row_number`,
  );
  return { batch, rows };
}

const touch = (table: string) =>
  ctx.handle.db.execute(
    sql`update ${sql.identifier(table)} set organization_id = organization_id where organization_id = ${organizationId}`,
  );

describe("the dry run's plan kept for the run", () => {
  it("serves the run when nothing it read has changed, and only once", async () => {
    const { id } = await checked();
    const plan = await take(id);
    expect(plan?.rows.map((r) => r.action)).toEqual(["create"]);
    expect(await take(id)).toBeUndefined();
  });

  it("is told in the run's words: the report says what was done, not what will be", async () => {
    const { id } = await checked();
    const { batch, rows } = await run(id);
    expect(batch).toMatchObject({ status: "done", createdCount: 1 });
    expect(rows[0]?.message).toContain('owner "Nobody Here" is not one active user: imported as yours');
    expect(rows[0]?.message).not.toContain("will be");
  });

  it("all or nothing with an error: the report still speaks of an import to come", async () => {
    const text = [file, "Broken Co,not-mail,"].join("\n");
    const { id } = await checked(text, { mapping, validOnly: false });
    const { batch, rows } = await run(id, { mapping, validOnly: false });
    expect(batch).toMatchObject({ status: "failed", createdCount: 0, errorCount: 1 });
    expect(rows[0]?.message).toContain('owner "Nobody Here" is not one active user: will be imported as yours');
  });

  it.each([
    "customers",
    "contacts",
    "users",
    "departments",
    "record_shares",
    "custom_fields",
    "option_values",
    "duplicate_rules",
  ])("is not taken after a row of %s was written since the check", async (table) => {
    const { id } = await checked();
    await touch(table);
    expect(await take(id)).toBeUndefined();
  });

  it("is not taken after the organization's settings changed, or a record was removed", async () => {
    const first = await checked();
    await ctx.handle.db.execute(sql`update organizations set time_zone = 'Asia/Tokyo' where id = ${organizationId}`);
    expect(await take(first.id)).toBeUndefined();

    const gone = await admin.post<{ id: string }>("/api/v1/customers", { name: "Short Lived Co" });
    const second = await checked();
    // A removal writes no row: the count tells it.
    await ctx.handle.db.execute(sql`delete from customers where id = ${gone.body.id}`);
    expect(await take(second.id)).toBeUndefined();
  });

  it("is not taken for other options, another language or an importer whose rights changed", async () => {
    expect(await take((await checked()).id, { options: { duplicates: "create" } })).toBeUndefined();
    expect(await take((await checked()).id, { locale: "zh-CN" })).toBeUndefined();
    const { id } = await checked();
    await ctx.handle.db.execute(sql`update users set is_admin = false where id = ${adminId}`);
    try {
      expect(await take(id)).toBeUndefined();
    } finally {
      await ctx.handle.db.execute(sql`update users set is_admin = true where id = ${adminId}`);
    }
  });

  it("is still taken after changes elsewhere: another organization, or other kinds of records", async () => {
    const { id } = await checked();
    const other = await addOrganization(ctx, "Other Org", "admin@other.test");
    await other.admin.post("/api/v1/customers", { name: "Acme Robotics", email: "hello@acme-robotics.example" });
    await admin.post("/api/v1/tasks", { title: "Call back", dueAt: new Date().toISOString() });
    expect(await take(id)).toBeDefined();
  });
});

// PostgreSQL only: PGlite runs one transaction at a time.
if (process.env.TEST_DATABASE_URL) {
  describe("the kept plan beside other transactions", () => {
    /** Runs `write` in a transaction of its own connection, held open until `release` is called. */
    function heldOpen(write: ReturnType<typeof sql>) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written = () => {};
      const started = new Promise<void>((resolve) => {
        written = resolve;
      });
      const done = ctx.handle.db.transaction(async (tx) => {
        await tx.execute(write);
        written();
        await released;
      });
      return { started, done, release };
    }

    it("takes the plan though a transaction that began before what it read is still open", async () => {
      const other = heldOpen(sql`select pg_current_xact_id()`);
      await other.started;
      try {
        await admin.post("/api/v1/customers", { name: "Written Before The Check Co" });
        const { id } = await checked();
        expect(await take(id)).toBeDefined();
      } finally {
        other.release();
        await other.done;
      }
    });

    it("does not take it when a write open at the check commits after it", async () => {
      // A change, not a new row: the counts stay the same.
      const late = heldOpen(sql`update customers set notes = 'changed late' where name = 'Standing Co'`);
      await late.started;
      const { id } = await checked();
      late.release();
      await late.done;
      expect(await take(id)).toBeUndefined();
    });
  });
}

describe("a run after changes since the check", () => {
  it("finds the duplicate created after the check, and skips the row", async () => {
    const { id, result } = await checked(["Name,Email", "Nimbus Labs,team@nimbus-labs.example"].join("\n"), {
      mapping: { "0": "name", "1": "email" },
    });
    expect(result).toMatchObject({ create: 1, skip: 0 });
    const rival = await admin.post<{ id: string }>("/api/v1/customers", {
      name: "Nimbus Labs",
      email: "team@nimbus-labs.example",
    });
    expect(rival.status).toBe(201);
    const { batch, rows } = await run(id, { mapping: { "0": "name", "1": "email" } });
    expect(batch).toMatchObject({ status: "done", createdCount: 0, skippedCount: 1 });
    expect(rows[0]?.message).toContain(rival.body.id);
  });

  it("takes an industry added to the list after the check", async () => {
    const robotics = { mapping: { "0": "name", "1": "industry" } };
    const { id, result } = await checked(["Name,Industry", "Gearwork Ltd,Robotics"].join("\n"), robotics);
    expect(result).toMatchObject({ create: 0, error: 1 });
    const added = await admin.post("/api/v1/option-lists/customer.industry/values", {
      labelZh: "机器人",
      labelEn: "Robotics",
    });
    expect(added.status).toBe(201);
    const { batch } = await run(id, robotics);
    expect(batch).toMatchObject({ status: "done", createdCount: 1, errorCount: 0 });
  });
});
