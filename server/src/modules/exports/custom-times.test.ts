import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, PASSWORD, type TestContext } from "../../../test/harness.ts";

let ctx: TestContext;
let admin: ApiClient;

// New York changes its clocks: four hours behind UTC in summer, five in winter.
const visits = [
  { name: "Summer Co", visit_at: "2026-07-01T13:00:00.000Z", local: "2026-07-01 09:00:00" },
  { name: "Winter Co", visit_at: "2026-12-01T14:00:00.000Z", local: "2026-12-01 09:00:00" },
];

beforeAll(async () => {
  ctx = await createTestContext();
  const setup = await ctx.anonymous.post("/api/v1/setup", {
    organizationName: "Hudson Trading",
    locale: "en",
    baseCurrency: "USD",
    timeZone: "America/New_York",
    adminName: "Admin",
    adminEmail: "admin@hudson.test",
    adminPassword: PASSWORD,
  });
  expect(setup.status).toBe(201);
  admin = await ctx.signIn("admin@hudson.test", PASSWORD);
  for (const objectType of ["customer", "contact"]) {
    const field = await admin.post("/api/v1/custom-fields", {
      objectType,
      key: "visit_at",
      type: "dateTime",
      label: { en: "Visit at", "zh-CN": "拜访时间" },
    });
    expect(field.status, objectType).toBe(201);
  }
  for (const visit of visits) {
    const customer = await admin.post<{ id: string }>("/api/v1/customers", {
      name: visit.name,
      custom: { visit_at: visit.visit_at },
    });
    expect(customer.status).toBe(201);
    const contact = await admin.post("/api/v1/contacts", {
      name: `${visit.name} buyer`,
      customerId: customer.body.id,
      custom: { visit_at: visit.visit_at },
    });
    expect(contact.status).toBe(201);
  }
});
afterAll(() => ctx.close());

async function download(url: string) {
  const res = await ctx.app.inject({ method: "GET", url, headers: { cookie: admin.auth.cookie ?? "" } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, "")) as string[][];

/** A built-in time as the CSV writes it: the organization's wall clock, "YYYY-MM-DD HH:MM:SS". */
const newYorkText = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "America/New_York", dateStyle: "short", timeStyle: "medium" }).format(
    new Date(iso),
  );

describe("custom date-times in exports", () => {
  it("writes them on the organization's clock in CSV, as the built-in times are written", async () => {
    const res = await download("/api/v1/exports/customers?sort=name&columns=name,custom.visit_at,createdAt&lang=en");
    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual(["Name", "Visit at", "Created"]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual(visits.map((v) => [v.name, v.local]));
    // The same form as the built-in column beside it: one rule for every time in the file.
    const created = await admin.get<{ data: { name: string; createdAt: string }[] }>("/api/v1/customers?sort=name");
    expect(rows.map((r) => r[2])).toEqual(created.body.data.map((c) => newYorkText(c.createdAt)));
  });

  it("writes a contact's custom date-time on the organization's clock too", async () => {
    const res = await download("/api/v1/exports/contacts?sort=name&columns=name,custom.visit_at&lang=en");
    expect(csvRows(res.body).slice(1)).toEqual(visits.map((v) => [`${v.name} buyer`, v.local]));
  });

  it("writes them as XLSX date cells showing the organization's wall time", async () => {
    const res = await download("/api/v1/exports/customers?sort=name&columns=name,custom.visit_at&format=xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    for (const [i, visit] of visits.entries()) {
      const cell = sheet?.getRow(i + 2).getCell(2);
      expect([cell?.type, cell?.value, cell?.numFmt]).toEqual([
        ExcelJS.ValueType.Date,
        new Date(`${visit.local.replace(" ", "T")}.000Z`), // a spreadsheet has no zones: the wall time's fields
        "yyyy-mm-dd hh:mm",
      ]);
    }
  });
});
