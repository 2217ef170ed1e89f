import fs from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";
import { runBatch } from "./run.ts";
import { runDueJobs, undoImport, uploadImport } from "./test-support.ts";

type Batch = {
  id: string;
  headers: string[];
  status: string;
  encoding: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  errorCount: number;
  error: string | null;
};
type Upload = {
  batch: Batch;
  targets: string[];
  suggestedMapping: Record<string, string>;
  mappingRemembered: boolean;
  sampleRows: string[][];
};
type DryRun = {
  total: number;
  create: number;
  update: number;
  skip: number;
  error: number;
  problems: { row: number; field: string; message: string }[];
  warnings: { row: number; message: string }[];
  preview: { row: number; action: string; values: Record<string, unknown> | null }[];
};
type Customer = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
  version: number;
};
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

const fixtures = "/work/shared/fixtures/import";
let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

/** Uploads raw file bytes the way the web app does. */
const upload = (client: ApiClient, file: Buffer | string, query: string) =>
  uploadImport<Upload & ErrorBody>(ctx, client, file, query);

const runJobs = () => runDueJobs(ctx);

async function runImport(client: ApiClient, id: string, body: Record<string, unknown>) {
  const started = await client.post<Batch>(`/api/v1/imports/${id}/run`, body);
  expect(started.status).toBe(202);
  await runJobs();
  return (await client.get<Batch>(`/api/v1/imports/${id}`)).body;
}

const customersNamed = async (client: ApiClient, q: string) =>
  (await client.get<{ data: Customer[] }>(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=200`)).body.data;

const bom = "\uFEFF";
const chineseCsv = [
  "客户名称,电话,邮箱,行业,备注",
  "上海星辰科技有限公司,+86 21 5555 0101,info@xingchen.example,信息技术,老客户",
  ",021-5555-0102,,,没有名称",
  "北京云杉软件,021-5555-0103,not-an-email,,",
  "广州海鸥贸易,call me,,,",
  "上海星辰科技有限公司,+86 21 5555 0101,info@xingchen.example,信息技术,老客户",
  "深圳星辰科技,+86 21 5555 0199,info@xingchen.example,,",
  '杭州公式公司,0571-5555-0104,,,"=HYPERLINK(""http://evil.example"")"',
].join("\r\n");

describe("imports: a customer CSV from upload to undo", () => {
  let batchId: string;
  let mapping: Record<string, string>;

  it("reads UTF-8 with BOM and guesses the mapping from Chinese headers", async () => {
    const res = await upload(admin, bom + chineseCsv, `objectType=customer&fileName=${encodeURIComponent("客户.csv")}`);
    expect(res.status).toBe(201);
    expect(res.body.batch).toMatchObject({ status: "uploaded", encoding: "utf-8", totalRows: 7 });
    expect(res.body.suggestedMapping).toEqual({
      "0": "name",
      "1": "phone",
      "2": "email",
      "3": "industry",
      "4": "notes",
    });
    expect(res.body.mappingRemembered).toBe(false);
    expect(res.body.sampleRows[0]?.[0]).toBe("上海星辰科技有限公司");
    batchId = res.body.batch.id;
    mapping = res.body.suggestedMapping;
  });

  it("dry run reports each bad row by number and column, and writes nothing", async () => {
    const zh = await admin.request<DryRun>(
      "POST",
      `/api/v1/imports/${batchId}/dry-run`,
      { mapping, duplicates: "skip" },
      { "accept-language": "zh-CN" },
    );
    // In Chinese for the Chinese page: the same rows and columns, the messages translated.
    expect(zh.body.problems.find((p) => p.row === 3)).toEqual({ row: 3, field: "客户名称", message: "为必填项" });
    expect(zh.body.warnings.find((w) => w.row === 6)?.message).toMatch(/[\u4e00-\u9fff]/);

    const res = await admin.post<DryRun>(`/api/v1/imports/${batchId}/dry-run`, { mapping, duplicates: "skip" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 7, create: 2, skip: 1, error: 4 });
    const rows = (n: number) => res.body.problems.filter((p) => p.row === n);
    expect(rows(3)[0]).toEqual({ row: 3, field: "客户名称", message: "is required" });
    expect(rows(4)[0]).toMatchObject({ field: "邮箱" });
    expect(rows(5)[0]?.field).toBe("电话");
    // Problems name the column as the file heads it.
    expect(rows(7)[0]).toEqual({ row: 7, field: "邮箱", message: "same 邮箱 as row 2: a duplicate row in the file" });
    expect(res.body.warnings).toContainEqual({ row: 6, message: "same as row 2" });
    expect(res.body.warnings.some((w) => w.row === 8 && /formula/.test(w.message))).toBe(true);
    // The industry's Chinese label became the list's key.
    expect(res.body.preview[0]?.values).toMatchObject({ name: "上海星辰科技有限公司", industry: "technology" });
    expect(await customersNamed(admin, "星辰")).toHaveLength(0);
  });

  it("runs as a job: valid rows created and audited, every row reported", async () => {
    const batch = await runImport(admin, batchId, { mapping, duplicates: "skip", validOnly: true });
    expect(batch).toMatchObject({ status: "done", processedRows: 7, createdCount: 2, skippedCount: 1, errorCount: 4 });
    const [created] = await customersNamed(admin, "上海星辰");
    expect(created).toMatchObject({ phone: "+86 21 5555 0101", email: "info@xingchen.example" });
    const formula = (await customersNamed(admin, "杭州公式"))[0];
    expect(formula?.notes).toBe('=HYPERLINK("http://evil.example")');

    const audit = await admin.get<{ data: { action: string; changes: { field: string; to: unknown }[] }[] }>(
      `/api/v1/customers/${created?.id}/audit`,
    );
    // The creation names the batch and the file's row (the values are that row, kept with the batch).
    expect(audit.body.data[0]).toMatchObject({
      action: "create",
      changes: [
        { field: "importBatch", from: null, to: batchId },
        { field: "importRow", from: null, to: 2 },
      ],
    });

    const report = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${batchId}/report.csv`,
      headers: { cookie: admin.auth.cookie ?? "" },
    });
    expect(report.statusCode).toBe(200);
    expect(report.body.startsWith(bom)).toBe(true);
    const lines = report.body.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Row,Outcome,Record ID,Message,客户名称,电话,邮箱,行业,备注");
    expect(lines).toHaveLength(8);
    expect(lines[4]).toMatch(/^5,error,,"电话: must be a phone number/);
    // Asked in Chinese (the web app's link names the language), the report's own words are Chinese.
    const zh = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${batchId}/report.csv?lang=zh-CN`,
      headers: { cookie: admin.auth.cookie ?? "" },
    });
    const zhLines = zh.body.slice(1).trim().split("\r\n");
    expect(zhLines[0]).toBe("行号,结果,记录 ID,说明,客户名称,电话,邮箱,行业,备注");
    expect(zhLines[4]).toMatch(/^5,错误,,"?电话：[^a-z]*[\u4e00-\u9fff]/);
    // The report is opened in a spreadsheet too: the formula cell is escaped there.
    expect(lines[7]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it("runs once: a second run of the same batch is refused", async () => {
    const again = await admin.post<ErrorBody>(`/api/v1/imports/${batchId}/run`, { mapping });
    expect(again.status).toBe(409);
  });

  it("remembers the mapping for the next file with these headers", async () => {
    const changed = { ...mapping, "4": "address.street" };
    const next = await upload(admin, chineseCsv, "objectType=customer");
    await admin.post(`/api/v1/imports/${next.body.batch.id}/dry-run`, { mapping: changed });
    const third = await upload(admin, chineseCsv, "objectType=customer");
    expect(third.body.mappingRemembered).toBe(true);
    expect(third.body.suggestedMapping).toEqual(changed);
  });

  it("undoes the whole batch, but keeps a record a task added since is about", async () => {
    const [created] = await customersNamed(admin, "上海星辰");
    const task = await admin.post<{ id: string }>("/api/v1/tasks", {
      title: "Welcome call",
      relatedType: "customer",
      relatedId: created?.id,
    });
    const refused = await admin.post<ErrorBody>(`/api/v1/imports/${batchId}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([
      { path: "rows.2", message: `record ${created?.id} has tasks added since the import` },
    ]);
    const undone = await undoImport(ctx, admin, batchId, true);
    expect(undone).toMatchObject({ status: "undone", revertedCount: 1, keptCount: 1 });
    expect((await customersNamed(admin, "星辰")).map((c) => c.name)).toEqual(["上海星辰科技有限公司"]);
    const after = await admin.get(`/api/v1/tasks/${task.body.id}`);
    expect(after.body).toMatchObject({ title: "Welcome call", relatedType: "customer", relatedId: created?.id });
    expect((await admin.get<Batch>(`/api/v1/imports/${batchId}`)).body.status).toBe("undone");
    expect((await admin.post(`/api/v1/imports/${batchId}/undo`)).status).toBe(409);
    // The report says why the row stayed.
    const report = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${batchId}/report.csv?lang=zh-CN`,
      headers: { cookie: admin.auth.cookie ?? "" },
    });
    expect(report.body.split("\r\n")[1]).toContain("撤销时保留：导入后新增了任务");
  });
});

describe("imports: encodings and formats", () => {
  it("detects GB18030 (what Excel in China writes) and decodes it", async () => {
    const gbk = iconv.encode("客户名称,电话\r\n广州白云贸易公司,020-8888-0001\r\n", "gbk");
    const res = await upload(admin, gbk, "objectType=customer");
    expect(res.body.batch.encoding).toBe("gb18030");
    expect(res.body.batch.headers).toEqual(["客户名称", "电话"]);
    expect(res.body.sampleRows[0]).toEqual(["广州白云贸易公司", "020-8888-0001"]);
  });

  it("reports rows whose bytes are no valid text when the user picks the wrong encoding", async () => {
    const gbk = iconv.encode("name\r\n广州白云\r\nPlain Ltd\r\n", "gbk");
    const res = await upload(admin, gbk, "objectType=customer&encoding=utf-8");
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping: { "0": "name" } });
    expect(dry.body).toMatchObject({ create: 1, error: 1 });
    expect(dry.body.problems[0]).toMatchObject({ row: 2, field: "name", message: expect.stringMatching(/encoding/) });
  });

  it("reads XLSX, a formula as the value it shows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Customers");
    sheet.addRow(["Company Name", "Phone", "Notes"]);
    sheet.addRow(["Xlsx Trading", "+1 415 555 0100", "plain"]);
    sheet.addRow(["Formula Ltd", "+1 415 555 0101", { formula: "1+1", result: 2 }]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(admin, file, "objectType=customer&fileName=c.xlsx");
    expect(res.body.batch).toMatchObject({ encoding: "xlsx", totalRows: 2 });
    expect(res.body.suggestedMapping).toEqual({ "0": "name", "1": "phone", "2": "notes" });
    const batch = await runImport(admin, res.body.batch.id, { mapping: res.body.suggestedMapping });
    expect(batch.createdCount).toBe(2);
    expect((await customersNamed(admin, "Formula Ltd"))[0]?.notes).toBe("2");
  });

  it("refuses a file that is not a table, naming the field", async () => {
    const res = await upload(admin, "", "objectType=customer");
    expect(res.status).toBe(400);
    const bad = await upload(admin, "a,b\r\n1,2", "objectType=deal");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe("objectType");
  });
});

describe("imports: other CRMs' exports", () => {
  it("maps the Salesforce report and skips the account repeated per contact", async () => {
    const file = fs.readFileSync(`${fixtures}/salesforce-report-accounts-contacts.csv`);
    const res = await upload(admin, file, "objectType=customer");
    expect(res.body.suggestedMapping).toEqual({ "0": "name", "2": "phone" });
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, {
      mapping: res.body.suggestedMapping,
    });
    expect(dry.body.error).toBe(0);
    expect(dry.body.create + dry.body.skip).toBe(14);
    expect(dry.body.warnings.some((w) => /same as row 2/.test(w.message))).toBe(true);
  });

  it("imports Salesforce contacts linked to the customers just imported", async () => {
    const customers = fs.readFileSync(`${fixtures}/salesforce-report-accounts-contacts.csv`);
    const c = await upload(admin, customers, "objectType=customer");
    await runImport(admin, c.body.batch.id, { mapping: c.body.suggestedMapping });
    const res = await upload(admin, customers, "objectType=contact");
    expect(res.body.suggestedMapping).toEqual({
      "0": "customer",
      "3": "firstName",
      "4": "lastName",
      "5": "title",
      "6": "phones.work",
      "7": "emails.work",
    });
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, {
      mapping: res.body.suggestedMapping,
    });
    // Accounts without a contact have no one to import: each is reported, the rest imported.
    expect(dry.body.problems).toHaveLength(8);
    expect(dry.body.problems[0]).toEqual({
      row: 8,
      field: "Contact: First Name / Contact: Last Name",
      message: "is required",
    });
    const batch = await runImport(admin, res.body.batch.id, { mapping: res.body.suggestedMapping });
    expect(batch).toMatchObject({ status: "done", createdCount: 6, errorCount: 8 });
    const amy = await admin.get<{ data: { name: string; customerName: string | null }[] }>("/api/v1/contacts?q=amy");
    expect(amy.body.data[0]).toMatchObject({ name: "Amy Taylor", customerName: "Alpha Dynamics" });
  });

  it("maps atomic-crm's snake_case contacts and validates all 500", async () => {
    const file = fs.readFileSync(`${fixtures}/atomic-crm-contacts.csv`);
    const res = await upload(admin, file, "objectType=contact");
    expect(res.body.batch.totalRows).toBe(500);
    const mapping = res.body.suggestedMapping;
    const byTarget = Object.fromEntries(
      Object.entries(mapping).map(([i, t]) => [t, res.body.batch.headers[Number(i)]]),
    );
    expect(byTarget).toMatchObject({
      firstName: "first_name",
      lastName: "last_name",
      title: "title",
      notes: "background",
      customer: "company_name",
      "emails.work": "email_work",
      "emails.home": "email_home",
      "emails.other": "email_other",
      "phones.work": "phone_work",
      "phones.home": "phone_home",
      "phones.other": "phone_other",
      owner: "sales",
    });
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping });
    expect(dry.body.total).toBe(500);
    expect(dry.body.create + dry.body.skip + dry.body.error).toBe(500);
    expect(dry.body.create).toBeGreaterThan(400);
  });
});

describe("imports: the owner column", () => {
  type Owned = Customer & { ownerId: string | null; departmentId: string | null };
  const ownedNamed = async (name: string) =>
    (await admin.get<{ data: Owned[] }>(`/api/v1/customers?q=${encodeURIComponent(name)}`)).body.data[0];
  const newUser = async (name: string, email: string, roleIds: string[], departmentId: string | null = null) => {
    const res = await admin.post<{ id: string }>("/api/v1/users", {
      name,
      email,
      password: PASSWORD,
      roleIds,
      departmentId,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it("gives each created record the user the file names, by e-mail or name, in that user's department", async () => {
    const roles = (await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles")).body.data;
    const rep = roles.find((r) => r.name === "Sales rep")?.id as string;
    const east = (await admin.post<{ id: string }>("/api/v1/departments", { name: "华东" })).body.id;
    const li = await newUser("李雷", "lilei@acme.test", [rep], east);
    const me = (await admin.get<{ user: { id: string } }>("/api/v1/auth/session")).body.user.id;
    const file = [
      "客户名称,负责人",
      "Owned By Mail Co,LiLei@Acme.test",
      "Owned By Name Co,李雷",
      "Owned Unknown Co,Jane Doe",
    ];
    const res = await upload(admin, [...file, "Owned Blank Co,"].join("\r\n"), "objectType=customer");
    expect(res.body.suggestedMapping).toEqual({ "0": "name", "1": "owner" });
    const mapping = res.body.suggestedMapping;
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping });
    expect(dry.body).toMatchObject({ create: 4, error: 0 });
    expect(dry.body.warnings).toEqual([
      { row: 4, message: 'owner "Jane Doe" is not one active user: will be imported as yours' },
    ]);
    expect(dry.body.preview[0]?.values).toEqual({ name: "Owned By Mail Co", kind: "company", tags: [], owner: "李雷" });

    const batch = await runImport(admin, res.body.batch.id, { mapping, duplicates: "skip" });
    expect(batch).toMatchObject({ status: "done", createdCount: 4 });
    for (const name of ["Owned By Mail Co", "Owned By Name Co"])
      expect(await ownedNamed(name), name).toMatchObject({ ownerId: li, departmentId: east });
    expect(await ownedNamed("Owned Unknown Co")).toMatchObject({ ownerId: me });
    expect(await ownedNamed("Owned Blank Co")).toMatchObject({ ownerId: me });
  });

  it("lets a sales rep import their own list: the customers are the rep's, a colleague's match is skipped unseen", async () => {
    const roles = (await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles")).body.data;
    await newUser("Rep Importer", "rep.importer@acme.test", [roles.find((r) => r.name === "Sales rep")?.id as string]);
    const rep = await ctx.signIn("rep.importer@acme.test", PASSWORD);
    await admin.post("/api/v1/customers", { name: "Someone Else's Co", email: "taken@rep-import.example" });
    const file = "Name,Email\r\nRep's Own Co,hello@reps-own.example\r\nSomeone Else's Co,taken@rep-import.example\r\n";
    const res = await upload(rep, file, "objectType=customer");
    expect(res.status).toBe(201);
    const mapping = res.body.suggestedMapping;
    const batch = await runImport(rep, res.body.batch.id, { mapping, duplicates: "skip" });
    expect(batch).toMatchObject({ status: "done", createdCount: 1, skippedCount: 1 });
    const self = (await rep.get<{ user: { id: string } }>("/api/v1/auth/session")).body.user.id;
    const mine = await rep.get<{ data: Owned[] }>("/api/v1/customers?q=reps-own");
    expect(mine.body.data).toEqual([expect.objectContaining({ name: "Rep's Own Co", ownerId: self })]);
  });

  it("keeps records with the importer when the importer may not give them away", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Importer",
      permissions: { customers: { actions: ["view", "create", "import"], scope: "own" } },
    });
    await newUser("Importer", "importer@acme.test", [role.body.id]);
    const importer = await ctx.signIn("importer@acme.test", PASSWORD);
    const res = await upload(importer, "Name,Owner\r\nImporter Keeps Co,lilei@acme.test\r\n", "objectType=customer");
    const mapping = res.body.suggestedMapping;
    const dry = await importer.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping });
    expect(dry.body.warnings[0]?.message).toMatch(/needs the transfer permission; will be imported as yours/);
    await runImport(importer, res.body.batch.id, { mapping, duplicates: "skip" });
    const kept = await importer.get<{ data: Owned[] }>("/api/v1/customers?q=Importer%20Keeps");
    const self = (await importer.get<{ user: { id: string } }>("/api/v1/auth/session")).body.user.id;
    expect(kept.body.data[0]).toMatchObject({ name: "Importer Keeps Co", ownerId: self });
  });
});

describe("imports: duplicates against existing records", () => {
  const file = "Name,Email,Notes\r\nExisting Co,hello@existing.example,from the file\r\nBrand New Co,,new\r\n";

  it("update mode changes the match, keeps its previous values, and undo restores them", async () => {
    const existing = await admin.post<Customer>("/api/v1/customers", {
      name: "Existing Co",
      email: "hello@existing.example",
      notes: "typed by hand",
    });
    const res = await upload(admin, file, "objectType=customer");
    const mapping = res.body.suggestedMapping;
    const skipDry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping });
    expect(skipDry.body).toMatchObject({ create: 1, skip: 1 });
    const batch = await runImport(admin, res.body.batch.id, { mapping, duplicates: "update" });
    expect(batch).toMatchObject({ createdCount: 1, updatedCount: 1 });
    const updated = (await admin.get<Customer>(`/api/v1/customers/${existing.body.id}`)).body;
    expect(updated).toMatchObject({ notes: "from the file", version: 2 });

    const undone = await undoImport(ctx, admin, res.body.batch.id);
    expect(undone).toMatchObject({ status: "undone", revertedCount: 2, keptCount: 0 });
    const restored = (await admin.get<Customer>(`/api/v1/customers/${existing.body.id}`)).body;
    expect(restored).toMatchObject({ notes: "typed by hand", email: "hello@existing.example" });
    expect(await customersNamed(admin, "Brand New Co")).toHaveLength(0);
  });

  it("undo refuses when an imported record was changed since, unless forced", async () => {
    const res = await upload(admin, "Name\r\nKept Co\r\nGone Co\r\n", "objectType=customer");
    await runImport(admin, res.body.batch.id, { mapping: { "0": "name" } });
    const kept = (await customersNamed(admin, "Kept Co"))[0] as Customer;
    await admin.patch(`/api/v1/customers/${kept.id}`, { version: kept.version, notes: "edited after import" });
    const refused = await admin.post<ErrorBody>(`/api/v1/imports/${res.body.batch.id}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]?.path).toBe("rows.2");
    expect(await customersNamed(admin, "Gone Co")).toHaveLength(1);
    const forced = await undoImport(ctx, admin, res.body.batch.id, true);
    expect(forced).toMatchObject({ revertedCount: 1, keptCount: 1 });
    expect(await customersNamed(admin, "Gone Co")).toHaveLength(0);
    expect(await customersNamed(admin, "Kept Co")).toHaveLength(1);
  });

  it("a run retried after a crash resumes: rows already recorded are not imported twice", async () => {
    const res = await upload(admin, "Name\r\nResumed One\r\nResumed Two\r\n", "objectType=customer");
    const id = res.body.batch.id;
    await runImport(admin, id, { mapping: { "0": "name" } });
    // As if the process died after writing its last chunk, before marking the batch done.
    await ctx.handle.db.execute(sql`update import_batches set status = 'running' where id = ${id}`);
    await runBatch(ctx.handle.db, id);
    const batch = (await admin.get<Batch>(`/api/v1/imports/${id}`)).body;
    expect(batch).toMatchObject({ status: "done", createdCount: 2, processedRows: 2 });
    expect(await customersNamed(admin, "Resumed")).toHaveLength(2);
  });

  it("a file of several chunks checks every row against existing records and writes each row once", async () => {
    // Existing customers the file repeats: one by e-mail, one by a name that differs only in its legal suffix.
    await admin.post("/api/v1/customers", { name: "Chunky Existing Mail", email: "mail@chunky-existing.example" });
    await admin.post("/api/v1/customers", { name: "Chunky Existing Name Co., Ltd." });
    const lines = ["Name,Email"];
    for (let i = 0; i < 4500; i++) lines.push(`Chunky ${i},c${i}@chunky${i}.example`);
    lines.push("Somebody Else,mail@chunky-existing.example", "CHUNKY EXISTING NAME Inc,");
    const res = await upload(admin, `${lines.join("\r\n")}\r\n`, "objectType=customer");
    const batch = await runImport(admin, res.body.batch.id, {
      mapping: { "0": "name", "1": "email" },
      duplicates: "skip",
    });
    expect(batch).toMatchObject({ status: "done", processedRows: 4502, createdCount: 4500, skippedCount: 2 });
    const [counts] = await queryRows<{ customers: number; rows: number }>(
      ctx.handle.db,
      sql`select (select count(*)::int from customers where name like 'Chunky %' and email like 'c%@chunky%') as customers,
                 (select count(*)::int from import_rows where batch_id = ${res.body.batch.id}) as rows`,
    );
    expect(counts).toEqual({ customers: 4500, rows: 4502 });
    const skipped = await queryRows<{ row_number: number }>(
      ctx.handle.db,
      sql`select row_number from import_rows where batch_id = ${res.body.batch.id} and outcome = 'skipped' order by row_number`,
    );
    expect(skipped.map((r) => r.row_number)).toEqual([4502, 4503]);
  });

  it("all or nothing: a file with an error imports no row", async () => {
    const res = await upload(
      admin,
      "Name,Email,Owner\r\nNothing Co,,Nobody Known\r\nBad Co,not-mail,\r\n",
      "objectType=customer",
    );
    const batch = await runImport(admin, res.body.batch.id, {
      mapping: { "0": "name", "1": "email", "2": "owner" },
      validOnly: false,
    });
    expect(batch).toMatchObject({ status: "failed", createdCount: 0, errorCount: 1, skippedCount: 1 });
    expect(await customersNamed(admin, "Nothing Co")).toHaveLength(0);
    // Nothing was imported, so the report speaks of the owner as the check did: of an import to come.
    const report = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${res.body.batch.id}/report.csv`,
      headers: { cookie: admin.auth.cookie ?? "" },
    });
    const nothingCo = report.body.split("\r\n")[1] ?? "";
    expect(nothingCo).toContain("not imported: the file has rows with errors");
    expect(nothingCo).toContain('owner ""Nobody Known"" is not one active user: will be imported as yours');
  });
});

describe("imports: permissions and organizations", () => {
  it("keeps batches inside their organization", async () => {
    const res = await upload(admin, "Name\r\nPrivate Co\r\n", "objectType=customer");
    const other = await addOrganization(ctx, "Other", "admin@other.test");
    expect((await other.admin.get(`/api/v1/imports/${res.body.batch.id}`)).status).toBe(404);
    expect(
      (await other.admin.post(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping: { "0": "name" } })).status,
    ).toBe(404);
    expect((await other.admin.get<{ data: unknown[] }>("/api/v1/imports")).body.data).toHaveLength(0);
  });

  it("needs the import permission", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Viewer",
      permissions: { customers: { actions: ["view", "create"], scope: "all" } },
    });
    await admin.post("/api/v1/users", {
      name: "Vi",
      email: "vi@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    const viewer = await ctx.signIn("vi@acme.test", PASSWORD);
    const res = await upload(viewer, "Name\r\nX\r\n", "objectType=customer");
    expect(res.status).toBe(403);
  });

  it("refuses a mapping to an unknown field or column, naming it", async () => {
    const res = await upload(admin, "Name\r\nX\r\n", "objectType=customer");
    const bad = await admin.post<ErrorBody>(`/api/v1/imports/${res.body.batch.id}/dry-run`, {
      mapping: { "0": "salary" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe("mapping.0");
    const noName = await admin.post<ErrorBody>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping: {} });
    expect(noName.body.error.details[0]?.path).toBe("mapping");
  });
});

describe("imports: custom fields", () => {
  it("offers custom fields as targets, guesses them by label, checks and types their values", async () => {
    const field = (body: Record<string, unknown>) =>
      admin.post("/api/v1/custom-fields", { objectType: "customer", ...body });
    expect(
      (await field({ key: "employees", type: "number", label: { en: "Employees", "zh-CN": "员工数" } })).status,
    ).toBe(201);
    expect(
      (
        await field({
          key: "tier",
          type: "singleChoice",
          label: { en: "Tier", "zh-CN": "等级" },
          options: [{ key: "gold", label: { en: "Gold", "zh-CN": "金牌" } }],
        })
      ).status,
    ).toBe(201);
    // "Region" is also a synonym of the address's region: the organization's own field comes first.
    expect(
      (await field({ key: "sales_region", type: "text", label: { en: "Region", "zh-CN": "销售大区" } })).status,
    ).toBe(201);
    const res = await upload(
      admin,
      "Name,员工数,Tier,Region\r\nCustom One,120,金牌,East\r\nCustom Two,many,Gold,\r\n",
      "objectType=customer",
    );
    expect(res.body.targets).toEqual(expect.arrayContaining(["custom.employees", "custom.tier"]));
    expect(res.body.suggestedMapping).toEqual({
      "0": "name",
      "1": "custom.employees",
      "2": "custom.tier",
      "3": "custom.sales_region",
    });
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, {
      mapping: res.body.suggestedMapping,
    });
    expect(dry.body.problems).toEqual([{ row: 3, field: "员工数", message: "must be a number" }]);
    await runImport(admin, res.body.batch.id, { mapping: res.body.suggestedMapping });
    const [one] = await customersNamed(admin, "Custom One");
    expect((one as unknown as { custom: Record<string, unknown> }).custom).toEqual({
      employees: 120,
      tier: "gold",
      sales_region: "East",
    });
  });

  it("takes a money field's header with its currency, as exports write it, and no other currency's", async () => {
    const created = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "contract_value",
      type: "money",
      currency: "USD",
      label: { en: "Contract value", "zh-CN": "合同金额" },
    });
    expect(created.status).toBe(201);
    const res = await upload(
      admin,
      "Name,合同金额 (USD),Contract value (CNY)\r\nPriced Co,1200.50,9\r\n",
      "objectType=customer",
    );
    expect(res.body.suggestedMapping).toEqual({ "0": "name", "1": "custom.contract_value" });
  });
});
