import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Upload = { batch: { id: string } };
type DryRun = { create: number; error: number; problems: { row: number; field: string; message: string }[] };
type Customer = { name: string; custom: Record<string, unknown> };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  for (const field of [
    { key: "staff", type: "number", label: { en: "Staff", "zh-CN": "员工人数" } },
    { key: "budget", type: "money", currency: "CNY", label: { en: "Budget", "zh-CN": "年度预算" } },
    { key: "us_budget", type: "money", currency: "USD", label: { en: "US budget", "zh-CN": "美元预算" } },
  ]) {
    const res = await admin.post("/api/v1/custom-fields", { objectType: "customer", ...field });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => ctx.close());

const mapping = { "0": "name", "1": "custom.staff", "2": "custom.budget", "3": "custom.us_budget" };

/** Uploads rows under the headers Name, Staff, Budget, US budget and checks them. */
async function check(rows: string[]) {
  const file = `Name,Staff,Budget,US budget\n${rows.join("\n")}\n`;
  const res = await uploadImport<Upload>(ctx, admin, file, "objectType=customer");
  expect(res.status).toBe(201);
  const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, { mapping });
  expect(dry.status).toBe(200);
  return { id: res.body.batch.id, dry: dry.body };
}

async function customNamed(name: string) {
  const list = await admin.get<{ data: Customer[] }>(`/api/v1/customers?q=${encodeURIComponent(name)}`);
  return list.body.data.find((c) => c.name === name)?.custom;
}

describe("numbers and amounts in an import, as the form reads them", () => {
  it("imports 万 and 亿, thousands separators, full-width digits and the field's currency sign", async () => {
    const { id, dry } = await check([
      "Units Co,12万,1.5亿,3万",
      'Separators Co,"1,200,000","￥1,200,000.50","$1,200"',
      "Full-width Co,１２万,￥12万,US$0.5万",
      "Small Co,0.1万,1.23万 元,-2万",
    ]);
    expect(dry.problems).toEqual([]);
    expect(dry.create).toBe(4);
    expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping })).status).toBe(202);
    await runDueJobs(ctx);
    expect(await customNamed("Units Co")).toEqual({ staff: 120000, budget: "150000000.00", us_budget: "30000.00" });
    expect(await customNamed("Separators Co")).toEqual({
      staff: 1200000,
      budget: "1200000.50",
      us_budget: "1200.00",
    });
    expect(await customNamed("Full-width Co")).toEqual({ staff: 120000, budget: "120000.00", us_budget: "5000.00" });
    expect(await customNamed("Small Co")).toEqual({ staff: 1000, budget: "12300.00", us_budget: "-20000.00" });
  });

  it("refuses what the form would refuse, naming the column, and imports none of those rows", async () => {
    const rows = [
      "Thousand Co,3千,,",
      "Kilo Co,12k,,",
      "Stacked Co,,12万亿,",
      "Split Co,1万2,,",
      'Bad groups Co,"1,2",,',
      "Cents Co,,1.2345678万,",
      "Other currency Co,,$12万,",
      "Yuan in dollars Co,,,¥3万",
    ];
    const { id, dry } = await check([...rows, "Good Co,5万,,"]);
    expect(dry.error).toBe(8);
    expect(dry.create).toBe(1);
    expect(dry.problems).toEqual([
      { row: 2, field: "Staff", message: "must be a number" },
      { row: 3, field: "Staff", message: "must be a number" },
      { row: 4, field: "Budget", message: "must be an amount with at most 2 decimals" },
      { row: 5, field: "Staff", message: "must be a number" },
      { row: 6, field: "Staff", message: "must be a number" },
      { row: 7, field: "Budget", message: "must be an amount with at most 2 decimals" },
      { row: 8, field: "Budget", message: "is in $, not CNY" },
      { row: 9, field: "US budget", message: "is in ¥, not USD" },
    ]);
    // Run anyway: the good row is imported, the rows in error are skipped, none with some other number.
    expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping })).status).toBe(202);
    await runDueJobs(ctx);
    expect(await customNamed("Good Co")).toEqual({ staff: 50000 });
    for (const name of rows.map((row) => row.split(",")[0] ?? ""))
      expect(await customNamed(name), name).toBeUndefined();
  });
});
