import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { escapeFormula } from "./csv.ts";

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;
const ids: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId } = await setUpOrganization(ctx));
  for (const body of [
    { name: "上海星辰科技", level: "A", industry: "technology", phone: "+86 21 5555 0101", notes: "=1+2" },
    { name: "Beta Ltd", level: "B", notes: "@SUM(A1)", tags: [] },
    { name: "Gamma Inc", level: "A", notes: "-10+20" },
  ]) {
    const res = await admin.post<{ id: string }>("/api/v1/customers", body);
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  await admin.post("/api/v1/contacts", { name: "张伟", customerId: ids[0], phones: [{ number: "13800138000" }] });
});
afterAll(() => ctx.close());

async function download(client: ApiClient, url: string, init: { method?: "GET" | "POST"; body?: unknown } = {}) {
  const res = await ctx.app.inject({
    method: init.method ?? "GET",
    url,
    headers: {
      cookie: client.auth.cookie ?? "",
      ...(init.method === "POST" ? { "x-csrf-token": client.auth.csrfToken ?? "" } : {}),
    },
    ...(init.body ? { payload: init.body as object } : {}),
  });
  return res;
}

const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, "")) as string[][];

describe("exports", () => {
  it("escapes every cell a spreadsheet would run as a formula", () => {
    expect(["=1", "+1", "-1", "@a", "\tx", "\rx", "plain", "a=b"].map(escapeFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\tx",
      "'\rx",
      "plain",
      "a=b",
    ]);
  });

  it("exports the list's filter, sort and columns as CSV with BOM, headers and labels in Chinese", async () => {
    const res = await download(
      admin,
      "/api/v1/exports/customers?level=A&sort=name&columns=name,industry,phone,notes&lang=zh-CN",
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    expect(csvRows(res.body)).toEqual([
      ["客户名称", "行业", "电话", "备注"],
      ["Gamma Inc", "", "", "'-10+20"],
      ["上海星辰科技", "信息技术", "'+86 21 5555 0101", "'=1+2"],
    ]);
  });

  it("exports headers in English from Accept-Language, and selected ids only", async () => {
    const res = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids: [ids[1]], columns: "name,notes" },
    });
    expect(res.statusCode).toBe(200);
    expect(csvRows(res.body)).toEqual([
      ["Name", "Notes"],
      ["Beta Ltd", "'@SUM(A1)"],
    ]);
  });

  it("streams XLSX that a spreadsheet reads back", async () => {
    const res = await download(admin, "/api/v1/exports/contacts?format=xlsx&lang=en");
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("Name");
    expect(sheet?.getRow(2).getCell(1).value).toBe("张伟");
    expect(sheet?.getRow(2).getCell(2).value).toBe("上海星辰科技");
    expect(sheet?.getRow(2).getCell(5).value).toBe("13800138000");
  });

  it("sizes XLSX columns to their headers and values, a Chinese character counting twice", async () => {
    const res = await download(admin, "/api/v1/exports/customers?format=xlsx&lang=zh-CN&columns=name,phone");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    // 上海星辰科技: six wide characters, twelve columns, and a margin of two; +86 21 5555 0101 is sixteen.
    expect(sheet?.getColumn(1).width).toBe(14);
    expect(sheet?.getColumn(2).width).toBe(18);
    // The sheet's tab speaks the reader's language too.
    expect(sheet?.name).toBe("客户");
  });

  it("names the file in the reader's language, with the view's name and the organization's date", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
    const zh = await download(
      admin,
      `/api/v1/exports/customers?format=xlsx&lang=zh-CN&viewName=${encodeURI("A/重点")}`,
    );
    expect(zh.headers["content-disposition"]).toBe(
      `attachment; filename="customers-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`客户-A_重点-${today}.xlsx`)}`,
    );
    const en = await download(admin, "/api/v1/exports/contacts?lang=en");
    expect(en.headers["content-disposition"]).toContain(`filename*=UTF-8''contacts-${today}.csv`);
    const tooLong = await download(admin, `/api/v1/exports/contacts?viewName=${"x".repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it("keeps a view's name that no file name could hold out of the header: a lone surrogate, a bidi override", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
    // JSON may carry half of a surrogate pair ("\ud800"), which encodeURIComponent refuses to encode.
    const selected = (viewName: string) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/exports/customers/selected",
        headers: {
          cookie: admin.auth.cookie ?? "",
          "x-csrf-token": admin.auth.csrfToken ?? "",
          "content-type": "application/json",
        },
        payload: `{"format":"csv","lang":"en","ids":["${ids[0]}"],"viewName":${viewName}}`,
      });
    const half = await selected(`"A\\ud800B"`);
    expect(half.statusCode, half.body).toBe(200);
    expect(half.headers["content-disposition"]).toContain(`filename*=UTF-8''customers-A_B-${today}.csv`);
    // A right-to-left override would show "…\u202Eslx.exe" as "…exe.xlsx" in a download bar.
    const spoof = await selected(`"x\\u202Eslx.exe"`);
    expect(spoof.headers["content-disposition"]).toContain(`filename*=UTF-8''customers-x_slx.exe-${today}.csv`);
    const lines = await selected(`"a\\r\\nb"`);
    expect(lines.headers["content-disposition"]).toContain(`filename*=UTF-8''customers-a__b-${today}.csv`);
  });

  it("writes times as the organization's clock reads them (Asia/Shanghai), in CSV and as XLSX dates", async () => {
    const record = await admin.get<{ updatedAt: string }>(`/api/v1/customers/${ids[1]}`);
    const shanghai = new Date(new Date(record.body.updatedAt).getTime() + 8 * 3_600_000);
    const csv = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids: [ids[1]], columns: "name,updatedAt", lang: "en" },
    });
    expect(csvRows(csv.body)[1]).toEqual(["Beta Ltd", shanghai.toISOString().slice(0, 19).replace("T", " ")]);
    const xlsx = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids: [ids[1]], columns: "name,updatedAt", format: "xlsx" },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]?.getRow(2).getCell(2);
    expect(cell?.type).toBe(ExcelJS.ValueType.Date);
    expect(cell?.value).toEqual(new Date(shanghai.toISOString().slice(0, 19).concat(".000Z")));
  });

  it("writes amounts and numbers as numeric XLSX cells, dates as dates, date-times with their time; CSV as text", async () => {
    for (const [key, type] of [
      ["amount", "money"],
      ["seats", "number"],
      ["signed_on", "date"],
      ["visit_at", "dateTime"],
    ] as const) {
      const field = await admin.post("/api/v1/custom-fields", {
        objectType: "customer",
        key,
        type,
        label: { en: key, "zh-CN": key },
      });
      expect(field.status, key).toBe(201);
    }
    const custom = { amount: "88000.5", seats: 12.5, signed_on: "2026-05-20", visit_at: "2026-11-23T08:48:00Z" };
    const created = await admin.post<{ id: string; updatedAt: string }>("/api/v1/customers", {
      name: "Typed Co",
      custom,
    });
    expect(created.status).toBe(201);
    const columns = "name,custom.amount,custom.seats,custom.signed_on,custom.visit_at,updatedAt";
    const body = { ids: [created.body.id], columns, lang: "en" };

    const xlsx = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ...body, format: "xlsx" },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]?.getRow(2);
    const cell = (i: number) => row?.getCell(i);
    expect([cell(2)?.type, cell(2)?.value, cell(2)?.numFmt]).toEqual([ExcelJS.ValueType.Number, 88000.5, "#,##0.00"]);
    // The amount's currency (the organization's, the field naming none) is in its header.
    expect(workbook.worksheets[0]?.getRow(1).getCell(2).value).toBe("amount (CNY)");
    expect([cell(3)?.type, cell(3)?.value]).toEqual([ExcelJS.ValueType.Number, 12.5]);
    expect([cell(4)?.type, cell(4)?.value, cell(4)?.numFmt]).toEqual([
      ExcelJS.ValueType.Date,
      new Date("2026-05-20T00:00:00Z"),
      "yyyy-mm-dd",
    ]);
    // 08:48 UTC is 16:48 on the organization's clock (Asia/Shanghai), shown with its time.
    expect([cell(5)?.type, cell(5)?.value, cell(5)?.numFmt]).toEqual([
      ExcelJS.ValueType.Date,
      new Date("2026-11-23T16:48:00Z"),
      "yyyy-mm-dd hh:mm",
    ]);
    expect([cell(6)?.type, cell(6)?.numFmt]).toEqual([ExcelJS.ValueType.Date, "yyyy-mm-dd hh:mm"]);

    // CSV: text, the date-time on the organization's clock as the built-in times are.
    const csv = await download(admin, "/api/v1/exports/customers/selected", { method: "POST", body });
    expect(csvRows(csv.body)[0]?.slice(0, 3)).toEqual(["Name", "amount (CNY)", "seats"]);
    expect(csvRows(csv.body)[1]?.slice(0, 5)).toEqual([
      "Typed Co",
      "88000.50",
      "12.5",
      "2026-05-20",
      "2026-11-23 16:48:00",
    ]);
  });

  it("writes an amount of more digits than Excel keeps as its exact text, not a rounded number", async () => {
    const made = async (name: string, amount: string) => {
      const res = await admin.post<{ id: string }>("/api/v1/customers", { name, custom: { amount } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    };
    const big = await made("Big Money Co", "123456789012345678.91");
    const fifteen = await made("Fifteen Digits Co", "1234567890123.45");
    const xlsx = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids: [big, fifteen], columns: "name,custom.amount", format: "xlsx" },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    // Sorted by name: Big Money Co, then Fifteen Digits Co.
    expect([sheet?.getRow(2).getCell(2).type, sheet?.getRow(2).getCell(2).value]).toEqual([
      ExcelJS.ValueType.String,
      "123456789012345678.91",
    ]);
    expect([sheet?.getRow(3).getCell(2).type, sheet?.getRow(3).getCell(2).value]).toEqual([
      ExcelJS.ValueType.Number,
      1234567890123.45,
    ]);
  });

  it("writes formula-like text into XLSX as text, as it is: a text cell never runs", async () => {
    const res = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids: [ids[1]], columns: "name,notes", format: "xlsx" },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const notes = workbook.worksheets[0]?.getRow(2).getCell(2);
    expect(notes?.value).toBe("@SUM(A1)");
    expect(notes?.type).toBe(ExcelJS.ValueType.String);
  });

  it("exports custom fields as columns, choices as their labels, and filters by them", async () => {
    const field = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "tier",
      type: "singleChoice",
      label: { en: "Tier", "zh-CN": "等级" },
      options: [{ key: "gold", label: { en: "Gold", "zh-CN": "金牌" } }],
    });
    expect(field.status).toBe(201);
    const beta = await admin.get<{ version: number }>(`/api/v1/customers/${ids[1]}`);
    await admin.patch(`/api/v1/customers/${ids[1]}`, { version: beta.body.version, custom: { tier: "gold" } });
    const res = await download(admin, "/api/v1/exports/customers?columns=name,custom.tier&lang=zh-CN&custom.tier=gold");
    expect(res.statusCode).toBe(200);
    expect(csvRows(res.body)).toEqual([
      ["客户名称", "等级"],
      ["Beta Ltd", "金牌"],
    ]);
  });

  it("exports a user field by the user's name, as the owner is", async () => {
    const field = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "account_manager",
      type: "user",
      label: { en: "Account manager", "zh-CN": "客户经理" },
    });
    expect(field.status).toBe(201);
    const gamma = await admin.get<{ version: number }>(`/api/v1/customers/${ids[2]}`);
    const set = await admin.patch(`/api/v1/customers/${ids[2]}`, {
      version: gamma.body.version,
      custom: { account_manager: adminId },
    });
    expect(set.status).toBe(200);
    const res = await download(admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids: [ids[2]], columns: "name,custom.account_manager", lang: "en" },
    });
    expect(csvRows(res.body)).toEqual([
      ["Name", "Account manager"],
      ["Gamma Inc", "Admin"],
    ]);
  });

  it("refuses an unknown column, naming it", async () => {
    const res = await download(admin, "/api/v1/exports/customers?columns=name,salary");
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.details[0].path).toBe("columns");
  });

  it("refuses unknown columns by name on `columns`: a key no object has, another's, a custom field not defined", async () => {
    const refused = async (res: { statusCode: number; body: string }) => {
      expect(res.statusCode).toBe(400);
      const { error } = JSON.parse(res.body);
      expect(error.code).toBe("validation_failed");
      return error.details;
    };
    expect(await refused(await download(admin, "/api/v1/exports/customers?columns=name,salary,phone"))).toEqual([
      { path: "columns", message: "salary: no such column" },
    ]);
    // A contact's column is not a customer's, and the other way round.
    expect(await refused(await download(admin, "/api/v1/exports/customers?columns=name,title"))).toEqual([
      { path: "columns", message: "title: no such column" },
    ]);
    const selected = await download(admin, "/api/v1/exports/contacts/selected", {
      method: "POST",
      body: { ids: [ids[0]], columns: ["name", "industry", "custom.nope"] },
    });
    // Keys no organization could have are refused before its custom fields are read.
    expect(await refused(selected)).toEqual([{ path: "columns", message: "industry: no such column" }]);
    // Shaped like a custom field, but this organization has none by that key.
    expect(await refused(await download(admin, "/api/v1/exports/customers?columns=name,custom.nope"))).toEqual([
      { path: "columns", message: "custom.nope: no such column" },
    ]);
    // In the caller's language.
    const zh = await ctx.app.inject({
      url: "/api/v1/exports/customers?columns=salary",
      headers: { cookie: admin.auth.cookie ?? "", "accept-language": "zh-CN" },
    });
    expect(JSON.parse(zh.body).error.details).toEqual([{ path: "columns", message: "不存在的列：salary" }]);
  });

  it("takes columns as a list too: repeated in the query, an array in the body", async () => {
    const listed = await download(admin, "/api/v1/exports/customers?sort=name&columns=name&columns=level&lang=en");
    expect(listed.statusCode).toBe(200);
    expect(csvRows(listed.body)[0]).toEqual(["Name", "Level"]);
    const selected = await download(admin, "/api/v1/exports/contacts/selected", {
      method: "POST",
      body: { ids: [ids[0]], columns: ["customerName", "name"], lang: "en" },
    });
    expect(selected.statusCode).toBe(200);
    expect(csvRows(selected.body)).toEqual([["Customer", "Name"]]);
  });

  it("exports only what the caller may see and needs the export permission", async () => {
    const other = await addOrganization(ctx, "Other", "admin@other.test");
    const theirs = await download(other.admin, "/api/v1/exports/customers");
    expect(csvRows(theirs.body)).toHaveLength(1);
    const selected = await download(other.admin, "/api/v1/exports/customers/selected", {
      method: "POST",
      body: { ids },
    });
    expect(csvRows(selected.body)).toHaveLength(1);

    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "No export",
      permissions: { customers: { actions: ["view"], scope: "all" } },
    });
    await admin.post("/api/v1/users", {
      name: "Ne",
      email: "ne@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    const viewer = await ctx.signIn("ne@acme.test", PASSWORD);
    expect((await download(viewer, "/api/v1/exports/customers")).statusCode).toBe(403);
  });
});
