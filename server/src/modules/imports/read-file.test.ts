import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { wallClockText } from "./read-xlsx.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Upload = {
  batch: { id: string; encoding: string; headers: string[]; totalRows: number };
  suggestedMapping: Record<string, string>;
  sampleRows: string[][];
};
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
type Problem = { row: number; field: string; message: string };
type DryRun = {
  create: number;
  error: number;
  problems: Problem[];
  warnings: { row: number; message: string }[];
  preview: { row: number; action: string; values: Record<string, unknown> | null }[];
};
type Customer = { name: string; phone: string | null; notes: string | null; custom: Record<string, unknown> };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx)); // the organization's clock: Asia/Shanghai, UTC+8
  for (const field of [
    { key: "visited_at", type: "dateTime", label: { en: "Last site visit", "zh-CN": "最近上门时间" } },
    { key: "signed_on", type: "date", label: { en: "Signed on", "zh-CN": "签约日期" } },
  ]) {
    const res = await admin.post("/api/v1/custom-fields", { objectType: "customer", ...field });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => ctx.close());

const upload = (file: Buffer | string, query = "objectType=customer") =>
  uploadImport<Upload & ErrorBody>(ctx, admin, file, query);

const dryRun = (id: string, mapping: Record<string, string>, lang = "en") =>
  admin.request<DryRun>("POST", `/api/v1/imports/${id}/dry-run`, { mapping }, { "accept-language": lang });

async function run(id: string, mapping: Record<string, string>) {
  expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping })).status).toBe(202);
  await runDueJobs(ctx);
}

async function customerNamed(name: string): Promise<Customer | undefined> {
  const list = await admin.get<{ data: Customer[] }>(`/api/v1/customers?q=${encodeURIComponent(name)}`);
  return list.body.data.find((c) => c.name === name);
}

async function xlsx(rows: ExcelJS.CellValue[][], formats: Record<string, string> = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Customers");
  for (const row of rows) sheet.addRow(row);
  for (const [address, numFmt] of Object.entries(formats)) sheet.getCell(address).numFmt = numFmt;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("XLSX dates and times", () => {
  it("shows a cell's date and time as Excel does", () => {
    expect(wallClockText(new Date(Date.UTC(2026, 9, 5, 6, 30)))).toBe("2026-10-05 06:30");
    // A serial's float noise is no second earlier.
    expect(wallClockText(new Date(Date.UTC(2026, 9, 5, 6, 29, 59, 999)))).toBe("2026-10-05 06:30");
    expect(wallClockText(new Date(Date.UTC(2026, 9, 5, 6, 30, 15)))).toBe("2026-10-05 06:30:15");
    expect(wallClockText(new Date(Date.UTC(2026, 9, 5)))).toBe("2026-10-05");
    expect(wallClockText(new Date(Date.UTC(1899, 11, 30, 9, 15)))).toBe("09:15"); // a time alone
  });

  it("reads a date-time cell on the organization's clock, as typed text is", async () => {
    const file = await xlsx(
      [
        ["Company Name", "Last site visit", "Signed on"],
        ["Xlsx Clock Ltd", new Date(Date.UTC(2026, 9, 5, 6, 30)), new Date(Date.UTC(2026, 9, 5))],
        ["Typed Clock Ltd", "2026-10-05 06:30", "2026/10/5"],
      ],
      { B2: "yyyy-mm-dd hh:mm", C2: "yyyy-mm-dd" },
    );
    const res = await upload(file, "objectType=customer&fileName=clock.xlsx");
    expect(res.status).toBe(201);
    // The mapping step shows what the cells show, not an instant in UTC.
    expect(res.body.sampleRows[0]).toEqual(["Xlsx Clock Ltd", "2026-10-05 06:30", "2026-10-05"]);
    const mapping = { "0": "name", "1": "custom.visited_at", "2": "custom.signed_on" };
    expect(res.body.suggestedMapping).toEqual(mapping);
    const dry = await dryRun(res.body.batch.id, mapping);
    expect(dry.body.problems).toEqual([]);
    const sixThirtyInShanghai = "2026-10-04T22:30:00.000Z";
    expect(dry.body.preview.map((p) => p.values?.custom)).toEqual([
      { visited_at: sixThirtyInShanghai, signed_on: "2026-10-05" },
      { visited_at: sixThirtyInShanghai, signed_on: "2026-10-05" },
    ]);
    await run(res.body.batch.id, mapping);
    expect((await customerNamed("Xlsx Clock Ltd"))?.custom).toEqual({
      visited_at: sixThirtyInShanghai,
      signed_on: "2026-10-05",
    });
  });
});

describe("XLSX formulas", () => {
  it("imports what a formula shows, shared formulas too, and reports a formula whose result is an error", async () => {
    const file = await xlsx([
      ["Company Name", "Phone", "Notes", "Scratch"],
      [
        "Formula Trading",
        { formula: '"0571"&"88880000"', result: "057188880000" },
        // The master of a formula shared down the column (exceljs's types leave these keys out).
        { formula: "LEN(A2)", result: 15, shareType: "shared", ref: "C2:C3" } as ExcelJS.CellFormulaValue,
        { formula: "NA()", result: { error: "#N/A" } }, // not mapped: no problem
      ],
      ["Shared Formula Co", "+86 21 5555 0101", { sharedFormula: "C2", result: 0 }, ""],
      ["Broken Formula Co", "+86 21 5555 0102", { formula: "1/0", result: { error: "#DIV/0!" } }, ""],
      ["Empty Text Formula Co", "+86 21 5555 0103", { formula: '""' }, ""], // Excel keeps no value for ""
    ]);
    const res = await upload(file, "objectType=customer&fileName=formulas.xlsx");
    expect(res.status).toBe(201);
    expect(res.body.sampleRows).toEqual([
      ["Formula Trading", "057188880000", "15", "#N/A"],
      ["Shared Formula Co", "+86 21 5555 0101", "0", ""],
      ["Broken Formula Co", "+86 21 5555 0102", "#DIV/0!", ""],
      ["Empty Text Formula Co", "+86 21 5555 0103", "", ""],
    ]);
    const mapping = { "0": "name", "1": "phone", "2": "notes" };
    const dry = await dryRun(res.body.batch.id, mapping);
    expect(dry.body).toMatchObject({ create: 3, error: 1, warnings: [] });
    expect(dry.body.problems).toEqual([
      { row: 4, field: "Notes", message: "is a formula without a computed value (Excel shows #DIV/0!)" },
    ]);
    const zh = await dryRun(res.body.batch.id, mapping, "zh-CN");
    expect(zh.body.problems[0]?.message).toBe("是没有计算结果的公式（Excel 显示 #DIV/0!）");
    await run(res.body.batch.id, mapping);
    expect(await customerNamed("Formula Trading")).toMatchObject({ phone: "057188880000", notes: "15" });
    expect(await customerNamed("Shared Formula Co")).toMatchObject({ notes: "0" });
    expect(await customerNamed("Empty Text Formula Co")).toMatchObject({ notes: null });
    expect(await customerNamed("Broken Formula Co")).toBeUndefined();
  });

  it("reports formulas nothing ever calculated, naming the column, once", async () => {
    // What a program writes when it leaves the calculation to Excel.
    const file = await xlsx([
      ["Company Name", "Notes"],
      [{ formula: '"Uncalculated"&" Ltd"' }, "plain"],
      ["Plain Uncalculated Co", { formula: "1+1" }],
    ]);
    const res = await upload(file, "objectType=customer&fileName=uncalculated.xlsx");
    expect(res.body.sampleRows).toEqual([
      ["", "plain"],
      ["Plain Uncalculated Co", ""],
    ]);
    const dry = await dryRun(res.body.batch.id, { "0": "name", "1": "notes" });
    const message = "is a formula without a computed value: open the file in Excel and save it again";
    expect(dry.body.problems).toEqual([
      { row: 2, field: "Company Name", message },
      { row: 3, field: "Notes", message },
    ]);
  });
});

/** Text as Excel's "Unicode text" writes it: UTF-16 with its BOM. */
function utf16(text: string, order: "le" | "be", bom = true): Buffer {
  const le = Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf16le");
  return order === "le" ? le : le.swap16();
}

describe("Unicode text and other delimiters", () => {
  const text = "客户名称\t电话\t备注\r\nUTF16测试公司\t021-12345678\t一, 二\r\n";

  it("reads UTF-16LE with BOM, tab-separated (Excel's Unicode text), and imports it", async () => {
    const res = await upload(utf16(text, "le"), `objectType=customer&fileName=${encodeURIComponent("客户.txt")}`);
    expect(res.status).toBe(201);
    expect(res.body.batch).toMatchObject({ encoding: "utf-16le", headers: ["客户名称", "电话", "备注"], totalRows: 1 });
    expect(res.body.sampleRows).toEqual([["UTF16测试公司", "021-12345678", "一, 二"]]);
    await run(res.body.batch.id, res.body.suggestedMapping);
    expect(await customerNamed("UTF16测试公司")).toMatchObject({ phone: "021-12345678", notes: "一, 二" });
  });

  it("reads UTF-16BE with BOM, and UTF-16 without BOM by its NUL bytes, whatever encoding was picked", async () => {
    for (const [order, bom, name, phone] of [
      ["be", true, "大端带BOM公司", "021-12345671"],
      ["le", false, "小端无BOM公司", "021-12345672"],
      ["be", false, "大端无BOM公司", "021-12345673"],
    ] as const) {
      const file = utf16(text.replace("UTF16测试公司", name).replace("021-12345678", phone), order, bom);
      const res = await upload(file, "objectType=customer&encoding=gb18030");
      expect(res.body.batch).toMatchObject({ encoding: `utf-16${order}`, headers: ["客户名称", "电话", "备注"] });
      expect(res.body.sampleRows).toEqual([[name, phone, "一, 二"]]);
      const dry = await dryRun(res.body.batch.id, res.body.suggestedMapping);
      expect(dry.body).toMatchObject({ create: 1, error: 0, problems: [] });
    }
  });

  it("reads semicolon- and tab-separated UTF-8 and GBK text, keeping commas in cells", async () => {
    const semicolons = await upload("Company Name;Phone;Notes\r\nSemikolon GmbH;+49 30 1234567;a, b\r\n");
    expect(semicolons.body.batch.headers).toEqual(["Company Name", "Phone", "Notes"]);
    expect(semicolons.body.sampleRows).toEqual([["Semikolon GmbH", "+49 30 1234567", "a, b"]]);
    await run(semicolons.body.batch.id, semicolons.body.suggestedMapping);
    expect(await customerNamed("Semikolon GmbH")).toMatchObject({ phone: "+49 30 1234567", notes: "a, b" });
    const tabs = await upload(Buffer.from("Company Name\tNotes\r\nTab Ltd\tx, y\r\n"));
    expect(tabs.body.sampleRows).toEqual([["Tab Ltd", "x, y"]]);
  });

  it("refuses a file that is no text nor workbook, naming the file, and stores nothing", async () => {
    const before = (await admin.get<{ data: unknown[] }>("/api/v1/imports")).body.data.length;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    for (const [file, message] of [
      [png, "is not a text file: save it as CSV (UTF-8 or GBK), Unicode text or XLSX"],
      [xls, "is an Excel 97-2003 (.xls) or password-protected workbook: save it as .xlsx"],
    ] as const) {
      const res = await upload(file);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "file", message }]);
    }
    expect((await admin.get<{ data: unknown[] }>("/api/v1/imports")).body.data).toHaveLength(before);
  });

  it("accepts the file sent as text/plain", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/imports?objectType=customer&fileName=plain.txt",
      headers: {
        "content-type": "text/plain",
        cookie: admin.auth.cookie ?? "",
        "x-csrf-token": admin.auth.csrfToken ?? "",
      },
      payload: utf16(text, "le"),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(JSON.parse(res.body).sampleRows).toEqual([["UTF16测试公司", "021-12345678", "一, 二"]]);
  });
});

describe("starting an import twice", () => {
  it("tells the second start that the import is already under way, with its status now", async () => {
    const res = await upload("Company Name\r\nTwice Started Ltd\r\n");
    const body = { mapping: { "0": "name" } };
    const url = `/api/v1/imports/${res.body.batch.id}/run`;
    const answers = await Promise.all([admin.post<ErrorBody>(url, body), admin.post<ErrorBody>(url, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const refused = answers.find((a) => a.status === 409);
    expect(refused?.body.error.message).toBe("This import is already running or has run (it is queued)");
    const zh = await admin.request<ErrorBody>("POST", url, body, { "accept-language": "zh-CN" });
    expect(zh.body.error.message).toBe("该导入正在执行或已执行过（当前状态：等待开始）");
    await runDueJobs(ctx);
    const after = await admin.post<ErrorBody>(url, body);
    expect(after.body.error.message).toBe("This import is already running or has run (it is done)");
  });
});
