import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { runBatch } from "./run.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Batch = {
  id: string;
  status: string;
  encoding: string;
  totalRows: number;
  createdCount: number;
  updatedCount: number;
};
type Upload = { batch: Batch; suggestedMapping: Record<string, string>; sampleRows: string[][] };
type DryRun = {
  create: number;
  update: number;
  skip: number;
  error: number;
  problems: { row: number; field: string; message: string }[];
  warnings: { row: number; message: string }[];
};
type Row = {
  id: string;
  name: string;
  kind?: string;
  phone?: string | null;
  industry?: string | null;
  notes?: string | null;
  title?: string | null;
  custom?: Record<string, unknown>;
  version: number;
};

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

async function upload(client: ApiClient, file: Buffer | string, objectType: string) {
  const res = await uploadImport<Upload>(ctx, client, file, `objectType=${objectType}`);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const dryRun = async (client: ApiClient, id: string, body: Record<string, unknown>, lang = "en") =>
  (await client.request<DryRun>("POST", `/api/v1/imports/${id}/dry-run`, body, { "accept-language": lang })).body;

async function runImport(client: ApiClient, id: string, body: Record<string, unknown>) {
  expect((await client.post(`/api/v1/imports/${id}/run`, body)).status).toBe(202);
  await runDueJobs(ctx);
  return (await client.get<Batch>(`/api/v1/imports/${id}`)).body;
}

/** The customer of exactly this name (the search also finds similar names). */
const customerNamed = async (name: string) =>
  (await admin.get<{ data: Row[] }>(`/api/v1/customers?q=${encodeURIComponent(name)}`)).body.data.find(
    (c) => c.name === name,
  );

describe("imports update only what the importer may edit", () => {
  let rep1: ApiClient;
  let rep2: ApiClient;
  let rep1Id: string;

  beforeAll(async () => {
    const actions = ["view", "create", "edit", "import"];
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Importing rep",
      permissions: { customers: { actions, scope: "own" }, contacts: { actions, scope: "own" } },
    });
    for (const name of ["rep1", "rep2"]) {
      const user = await admin.post<{ id: string }>("/api/v1/users", {
        name,
        email: `${name}@acme.test`,
        password: PASSWORD,
        roleIds: [role.body.id],
      });
      if (name === "rep1") rep1Id = user.body.id;
    }
    rep1 = await ctx.signIn("rep1@acme.test", PASSWORD);
    rep2 = await ctx.signIn("rep2@acme.test", PASSWORD);
  });

  it("skips records shared read-only and records out of scope, updates records shared read-write", async () => {
    const readOnly = await rep2.post<Row>("/api/v1/customers", {
      name: "Shared Read Co",
      email: "hello@shared-read.example",
      notes: "rep2's notes",
    });
    const readWrite = await rep2.post<Row>("/api/v1/customers", {
      name: "Shared Write Co",
      email: "hello@shared-write.example",
    });
    const hidden = await rep2.post<Row>("/api/v1/customers", { name: "Hidden Co", email: "hello@hidden.example" });
    await rep2.request("PUT", `/api/v1/customers/${readOnly.body.id}/members/${rep1Id}`, { access: "read" });
    await rep2.request("PUT", `/api/v1/customers/${readWrite.body.id}/members/${rep1Id}`, { access: "write" });
    // What the edit form says, the import says too.
    const patch = await rep1.patch(`/api/v1/customers/${readOnly.body.id}`, { version: 1, notes: "mine" });
    expect(patch.status).toBe(403);

    const file = [
      "Name,Email,Notes",
      "Shared Read Co,hello@shared-read.example,overwritten",
      "Shared Write Co,hello@shared-write.example,edited by a team member",
      "Hidden Co,hello@hidden.example,overwritten",
    ].join("\r\n");
    const res = await upload(rep1, file, "customer");
    const body = { mapping: { "0": "name", "1": "email", "2": "notes" }, duplicates: "update" };
    const dry = await dryRun(rep1, res.batch.id, body);
    expect(dry).toMatchObject({ create: 0, update: 1, skip: 2, error: 0 });
    expect(dry.warnings).toEqual([
      { row: 2, message: `matches "${readOnly.body.name}" (${readOnly.body.id}), a record you may not edit` },
      // Outside the importer's scope: that it exists and whose it is, never its id.
      { row: 4, message: "matches a record of rep2 that you may not see" },
    ]);
    expect(JSON.stringify(dry)).not.toContain(hidden.body.id);
    const zh = await dryRun(rep1, res.batch.id, body, "zh-CN");
    expect(zh.warnings[0]?.message).toBe(`与已有记录“Shared Read Co”重复（${readOnly.body.id}），你无权编辑该记录`);

    const batch = await runImport(rep1, res.batch.id, body);
    expect(batch).toMatchObject({ status: "done", updatedCount: 1, createdCount: 0 });
    expect((await rep2.get<Row>(`/api/v1/customers/${readOnly.body.id}`)).body).toMatchObject({
      notes: "rep2's notes",
      version: 1,
    });
    expect((await rep2.get<Row>(`/api/v1/customers/${hidden.body.id}`)).body.notes).toBeNull();
    expect((await rep2.get<Row>(`/api/v1/customers/${readWrite.body.id}`)).body.notes).toBe("edited by a team member");
  });

  it("skips a contact the importer sees through a customer shared read-only", async () => {
    const customer = await rep2.post<Row>("/api/v1/customers", { name: "Contact Share Co" });
    const contact = await rep2.post<Row>("/api/v1/contacts", {
      name: "Read Only Contact",
      customerId: customer.body.id,
      emails: [{ address: "ro@contact-share.example" }],
      title: "CTO",
    });
    await rep2.request("PUT", `/api/v1/customers/${customer.body.id}/members/${rep1Id}`, { access: "read" });
    expect((await rep1.get(`/api/v1/contacts/${contact.body.id}`)).status).toBe(200);
    expect((await rep1.patch(`/api/v1/contacts/${contact.body.id}`, { version: 1, title: "x" })).status).toBe(403);

    const res = await upload(rep1, "Name,Email,Title\r\nOverwritten,ro@contact-share.example,PWNED\r\n", "contact");
    const body = { mapping: { "0": "name", "1": "emails.work", "2": "title" }, duplicates: "update" };
    const dry = await dryRun(rep1, res.batch.id, body);
    expect(dry).toMatchObject({ update: 0, skip: 1 });
    expect(dry.warnings).toEqual([
      { row: 2, message: `matches "${contact.body.name}" (${contact.body.id}), a record you may not edit` },
    ]);
    await runImport(rep1, res.batch.id, body);
    expect((await rep2.get<Row>(`/api/v1/contacts/${contact.body.id}`)).body).toMatchObject({
      name: "Read Only Contact",
      title: "CTO",
      version: 1,
    });
  });
});

describe("imports keep unique custom fields unique", () => {
  it("reports values another record holds and values repeated in the file, and creates neither", async () => {
    const field = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "tax_id",
      type: "text",
      unique: true,
      label: { en: "Tax ID", "zh-CN": "税号" },
    });
    expect(field.status).toBe(201);
    const existing = await admin.post<Row>("/api/v1/customers", {
      name: "Unique Holder Co",
      custom: { tax_id: "EXIST-1" },
    });
    expect(existing.status).toBe(201);
    const file = [
      "Name,Tax ID",
      "Unique Clash Co,EXIST-1",
      "Unique First Co,IN-FILE-1",
      "Unique Second Co,IN-FILE-1",
      "Unique Free Co,FREE-1",
    ].join("\r\n");
    const res = await upload(admin, file, "customer");
    const body = { mapping: { "0": "name", "1": "custom.tax_id" } };
    const dry = await dryRun(admin, res.batch.id, body);
    expect(dry).toMatchObject({ create: 2, error: 2 });
    expect(dry.problems).toEqual([
      { row: 2, field: "Tax ID", message: "is already used by another record" },
      { row: 4, field: "Tax ID", message: "same Tax ID as row 3: a duplicate row in the file" },
    ]);
    const zh = await dryRun(admin, res.batch.id, body, "zh-CN");
    expect(zh.problems[0]).toEqual({ row: 2, field: "Tax ID", message: "已被其他记录使用" });

    const batch = await runImport(admin, res.batch.id, body);
    expect(batch).toMatchObject({ status: "done", createdCount: 2 });
    const holders = async (value: string) =>
      (await admin.get<{ data: Row[] }>(`/api/v1/customers?custom.tax_id=${value}`)).body.data.map((c) => c.name);
    expect(await holders("EXIST-1")).toEqual(["Unique Holder Co"]);
    expect(await holders("IN-FILE-1")).toEqual(["Unique First Co"]);
  });

  it("gives a value to one of two imports running at once, and reports it taken in the other", async () => {
    const body = { mapping: { "0": "name", "1": "custom.tax_id" } };
    const ids: string[] = [];
    for (const name of ["Race A Co", "Race B Co"]) {
      const res = await upload(admin, `Name,Tax ID\r\n${name},RACE-1\r\n`, "customer");
      expect((await admin.post(`/api/v1/imports/${res.batch.id}/run`, body)).status).toBe(202);
      ids.push(res.batch.id);
    }
    // Both plan before either writes (on PostgreSQL): only the write's check under the value's lock can tell.
    await Promise.all(ids.map((id) => runBatch(ctx.handle.db, id)));
    const batches = await Promise.all(ids.map(async (id) => (await admin.get<Batch>(`/api/v1/imports/${id}`)).body));
    expect(batches.map((b) => b.createdCount).sort()).toEqual([0, 1]);
    const holders = await admin.get<{ data: Row[] }>("/api/v1/customers?custom.tax_id=RACE-1");
    expect(holders.body.data).toHaveLength(1);
    const loser = batches.find((b) => b.createdCount === 0) as Batch;
    const report = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/imports/${loser.id}/report.csv`,
      headers: { cookie: admin.auth.cookie ?? "" },
    });
    expect(report.body.slice(1).trim().split("\r\n")[1]).toMatch(
      /^2,error,,Tax ID: is already used by another record,/,
    );
  });

  it("lets a row update the record that holds its value", async () => {
    const res = await upload(admin, "Name,Tax ID,Notes\r\nUnique Holder Co,EXIST-1,updated\r\n", "customer");
    const body = { mapping: { "0": "name", "1": "custom.tax_id", "2": "notes" }, duplicates: "update" };
    expect(await dryRun(admin, res.batch.id, body)).toMatchObject({ update: 1, error: 0 });
  });
});

describe("imports read what Rapport exported", () => {
  it("imports an exported CSV back: escaped cells and option labels in either language", async () => {
    const original = await admin.post<Row>("/api/v1/customers", {
      name: "Roundtrip Co",
      kind: "person",
      industry: "technology",
      phone: "+86 21 5555 0199",
      notes: "=1+1 is two",
    });
    expect(original.status).toBe(201);
    for (const lang of ["zh-CN", "en"]) {
      const exported = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/exports/customers/selected",
        headers: { cookie: admin.auth.cookie ?? "", "x-csrf-token": admin.auth.csrfToken ?? "" },
        payload: { format: "csv", lang, ids: [original.body.id] },
      });
      expect(exported.statusCode).toBe(200);
      expect(exported.body).toContain("'+86 21 5555 0199");
      expect(exported.body).toContain(lang === "en" ? "Person" : "个人");
      const res = await upload(admin, exported.body, "customer");
      // The same file again: the row is the record it came from.
      const same = await dryRun(admin, res.batch.id, { mapping: res.suggestedMapping, duplicates: "update" });
      expect(same).toMatchObject({ update: 1, error: 0, problems: [] });

      // A copy under another name and phone is a new customer with the same values.
      const copy = exported.body
        .replace("Roundtrip Co", `Roundtrip Copy ${lang}`)
        .replace("5555 0199", `5555 01${lang.length}`);
      const next = await upload(admin, copy, "customer");
      const batch = await runImport(admin, next.batch.id, { mapping: next.suggestedMapping, duplicates: "skip" });
      expect(batch).toMatchObject({ status: "done", createdCount: 1 });
      expect(await customerNamed(`Roundtrip Copy ${lang}`)).toMatchObject({
        kind: "person",
        industry: "technology",
        phone: `+86 21 5555 01${lang.length}`,
        notes: "=1+1 is two",
      });
    }
  });

  it("keeps one leading apostrophe that escapes nothing", async () => {
    const res = await upload(admin, "Name,Notes\r\nApostrophe Co,'quoted'\r\n", "customer");
    await runImport(admin, res.batch.id, { mapping: { "0": "name", "1": "notes" } });
    expect((await customerNamed("Apostrophe Co"))?.notes).toBe("'quoted'");
  });
});

describe("import problems and warnings say what is wrong", () => {
  it("warns about formula-like text only, not phones or negative numbers", async () => {
    const file = [
      "Name,Phone,Notes",
      "Warn Phone Co,+86 21 5555 0301,-1",
      "Warn Number Co,+1 415 555 0100,+12.5%",
      'Warn Formula Co,,"=HYPERLINK(""http://evil.example"")"',
      "Warn Dash Co,,- one item",
    ].join("\r\n");
    const res = await upload(admin, file, "customer");
    const dry = await dryRun(admin, res.batch.id, { mapping: { "0": "name", "1": "phone", "2": "notes" } });
    expect(dry.warnings).toEqual([
      { row: 4, message: 'Notes: begins with "=", kept as text, not run as a formula' },
      { row: 5, message: 'Notes: begins with "-", kept as text, not run as a formula' },
    ]);
  });

  it("tells a phone a spreadsheet shortened (1.38E+10) how to get its digits back, in the importer's language", async () => {
    const field = { objectType: "customer", key: "fax", type: "phone", label: { en: "Fax", "zh-CN": "传真" } };
    expect((await admin.post("/api/v1/custom-fields", field)).status).toBe(201);
    const file = ["Name,Phone,Fax", "Short Phone Co,1.38001E+10,", "Short Fax Co,,8.61E+12", "Whole Co,13800138000,"];
    const res = await upload(admin, file.join("\r\n"), "customer");
    const mapping = { "0": "name", "1": "phone", "2": "custom.fax" };
    const shortened =
      "is a number a spreadsheet shortened (like 1.38E+10), its last digits lost: format the column as text and save the file again";
    const dry = await dryRun(admin, res.batch.id, { mapping });
    expect(dry).toMatchObject({ create: 1, error: 2 });
    expect(dry.problems).toEqual([
      { row: 2, field: "Phone", message: shortened },
      { row: 3, field: "Fax", message: shortened },
    ]);
    const zh = await dryRun(admin, res.batch.id, { mapping }, "zh-CN");
    expect(zh.problems[0]?.message).toBe(
      "是被电子表格缩写的数字（如 1.38E+10），后几位已丢失：请把该列设为文本格式后重新保存文件",
    );

    const contacts = await upload(admin, "Name,Mobile\r\nShort Mobile,1.39E+10\r\n", "contact");
    const contactDry = await dryRun(admin, contacts.batch.id, { mapping: { "0": "name", "1": "phones.mobile" } });
    expect(contactDry.problems).toEqual([{ row: 2, field: "Mobile", message: shortened }]);
  });

  it("names the column as the file heads it", async () => {
    const res = await upload(admin, "客户名称,行业,类型\r\n航天公司,航天,集团\r\n", "customer");
    const dry = await dryRun(admin, res.batch.id, { mapping: { "0": "name", "1": "industry", "2": "kind" } }, "zh-CN");
    expect(dry.problems).toEqual([
      {
        row: 2,
        field: "行业",
        message:
          "“航天”不在 行业 的选项中，应为以下之一：信息技术、制造业、零售、金融、医疗健康、教育、房地产、专业服务、物流、能源、传媒、政府机构、其他",
      },
      { row: 2, field: "类型", message: "“集团”不在 类型 的选项中，应为以下之一：企业、个人" },
    ]);
  });
});

describe("imports tell encodings apart", () => {
  it("reads a file mixing UTF-8 and GBK rows each in its own encoding, and points out the odd ones", async () => {
    const file = Buffer.concat([
      Buffer.from("Name,Notes\n正常公司,正常\n北京云杉,备注\n"),
      iconv.encode("上海贸易公司,正常\n", "gbk"),
    ]);
    const res = await upload(admin, file, "customer");
    expect(res.batch.encoding).toBe("utf-8+gb18030");
    expect(res.sampleRows).toEqual([
      ["正常公司", "正常"],
      ["北京云杉", "备注"],
      ["上海贸易公司", "正常"],
    ]);
    const mapping = { "0": "name", "1": "notes" };
    const dry = await dryRun(admin, res.batch.id, { mapping });
    expect(dry).toMatchObject({ create: 3, error: 0 });
    expect(dry.warnings).toEqual([
      { row: 4, message: "the file mixes UTF-8 and GBK text: this row was read as GBK, check it" },
    ]);
    await runImport(admin, res.batch.id, { mapping });
    expect((await customerNamed("正常公司"))?.notes).toBe("正常");
    expect((await customerNamed("上海贸易公司"))?.notes).toBe("正常");
  });

  it("reports a UTF-8 row with broken bytes once, as an encoding problem", async () => {
    const file = Buffer.concat([
      Buffer.from("Name,Notes\n完好公司,备注\n"),
      Buffer.from([0xe5, 0xa5]), // a character cut short
      Buffer.from("坏公司,备注\n"),
    ]);
    const res = await upload(admin, file, "customer");
    expect(res.batch.encoding).toBe("utf-8");
    const dry = await dryRun(admin, res.batch.id, { mapping: { "0": "name", "1": "notes" } });
    expect(dry).toMatchObject({ create: 1, error: 1 });
    expect(dry.problems).toEqual([
      { row: 3, field: "Name", message: "has bytes that are not valid text: choose the file's encoding" },
    ]);
  });
});
