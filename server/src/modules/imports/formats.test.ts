import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { readCheckbox, readDate, readDateTime, readMoney, readNumber } from "./formats.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Upload = { batch: { id: string }; suggestedMapping: Record<string, string> };
type Problem = { row: number; field: string; message: string };
type DryRun = {
  create: number;
  error: number;
  problems: Problem[];
  warnings: { row: number; message: string }[];
};
type Customer = { id: string; name: string; birthday?: string; custom: Record<string, unknown> };

describe("the forms spreadsheets write values in", () => {
  it("reads slash and Chinese dates, and leaves other text for the API's check", () => {
    expect(readDate("2026/10/01")).toBe("2026-10-01");
    expect(readDate("2026/10/1")).toBe("2026-10-01");
    expect(readDate("2026年10月1日")).toBe("2026-10-01");
    expect(readDate("2026-1-5")).toBe("2026-01-05");
    expect(readDate("2026-13-40")).toBe("2026-13-40");
    expect(readDate("next week")).toBe("next week");
  });

  it("reads a date and time without a zone on the organization's clock", () => {
    expect(readDateTime("2026/10/01 10:30", "Asia/Shanghai")).toBe("2026-10-01T02:30:00.000Z");
    expect(readDateTime("2026年10月1日 10:30:15", "Asia/Shanghai")).toBe("2026-10-01T02:30:15.000Z");
    // Summer time in New York: four hours behind UTC, in winter five.
    expect(readDateTime("2026-07-01 09:00", "America/New_York")).toBe("2026-07-01T13:00:00.000Z");
    expect(readDateTime("2026-12-01 09:00", "America/New_York")).toBe("2026-12-01T14:00:00.000Z");
    expect(readDateTime("2026-10-01T10:30:00+08:00", "UTC")).toBe("2026-10-01T10:30:00+08:00");
    expect(readDateTime("2026/02/30 10:00", "UTC")).toBe("2026/02/30 10:00");
  });

  it("takes the field's currency sign and thousands separators off an amount, and refuses another currency", () => {
    expect(readMoney("￥1,200,000", "CNY")).toEqual({ value: "1200000" });
    expect(readMoney("¥1,200,000.50", "CNY")).toEqual({ value: "1200000.50" });
    expect(readMoney("1,200,000", "CNY")).toEqual({ value: "1200000" });
    expect(readMoney("1200000 元", "CNY")).toEqual({ value: "1200000" });
    expect(readMoney("$500", "CNY")).toEqual({ problem: "is in $, not CNY" });
    expect(readMoney("US$500", "USD")).toEqual({ value: "500" });
    expect(readNumber("1,200")).toBe("1200");
    expect(readNumber("1,2")).toBe("1,2");
  });

  it("reads checkboxes in Chinese, English and symbols, in any case", () => {
    for (const yes of ["是", "YES", "y", "True", "1", "√"]) expect(readCheckbox(yes)).toEqual({ value: "true" });
    for (const no of ["否", "No", "N", "false", "0", "×"]) expect(readCheckbox(no)).toEqual({ value: "false" });
    expect(readCheckbox("nein")).toHaveProperty("problem");
  });
});

describe("an import reads what Chinese spreadsheets write", () => {
  let ctx: TestContext;
  let admin: ApiClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ admin } = await setUpOrganization(ctx));
    const fields = [
      { key: "signed_on", type: "date", label: { en: "Signed on", "zh-CN": "签约日期" } },
      { key: "review_at", type: "dateTime", label: { en: "Review at", "zh-CN": "复盘时间" } },
      { key: "budget", type: "money", currency: "CNY", label: { en: "Budget", "zh-CN": "年度预算" } },
      { key: "staff", type: "number", label: { en: "Staff", "zh-CN": "员工人数" } },
      { key: "nda", type: "checkbox", label: { en: "NDA signed", "zh-CN": "已签保密协议" } },
      { key: "contract_no", type: "text", unique: true, label: { en: "Contract no.", "zh-CN": "合同编号" } },
      {
        key: "channel",
        type: "singleChoice",
        label: { en: "Channel", "zh-CN": "销售渠道" },
        options: [
          { key: "direct", label: { en: "Direct", "zh-CN": "直销" } },
          { key: "reseller", label: { en: "Reseller", "zh-CN": "代理商" } },
        ],
      },
    ];
    for (const field of fields) {
      const res = await admin.post("/api/v1/custom-fields", { objectType: "customer", ...field });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => ctx.close());

  const headers =
    "客户名称,生命周期阶段,邮箱,签约日期,复盘时间,年度预算,员工人数,已签保密协议,合同编号,销售渠道,负责人";
  const mapping = {
    "0": "name",
    "1": "lifecycleStage",
    "2": "email",
    "3": "custom.signed_on",
    "4": "custom.review_at",
    "5": "custom.budget",
    "6": "custom.staff",
    "7": "custom.nda",
    "8": "custom.contract_no",
    "9": "custom.channel",
    "10": "owner",
  };

  async function check(file: Buffer, lang: string) {
    const res = await uploadImport<Upload>(ctx, admin, file, "objectType=customer");
    expect(res.status).toBe(201);
    // Every column found by its header: custom fields by their label, the owner by its Chinese word.
    expect(res.body.suggestedMapping).toEqual(mapping);
    const dry = await admin.request<DryRun>(
      "POST",
      `/api/v1/imports/${res.body.batch.id}/dry-run`,
      { mapping },
      { "accept-language": lang },
    );
    expect(dry.status).toBe(200);
    return { id: res.body.batch.id, dry: dry.body };
  }

  it("imports a GBK file with slash dates, currency signs, separators and 是", async () => {
    const file = iconv.encode(
      `${headers}\r\n宁波港信物流,,,2026/10/1,2026/10/01 10:30,"￥1,200,000","1,200",是,HT-2026-001,代理商,\r\n`,
      "gbk",
    );
    const { id, dry } = await check(file, "zh-CN");
    expect(dry.problems).toEqual([]);
    expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping })).status).toBe(202);
    await runDueJobs(ctx);
    const list = await admin.get<{ data: Customer[] }>(`/api/v1/customers?q=${encodeURIComponent("宁波港信物流")}`);
    expect(list.body.data[0]?.custom).toEqual({
      signed_on: "2026-10-01",
      review_at: "2026-10-01T02:30:00.000Z", // 10:30 in Shanghai, the organization's time zone
      budget: "1200000.00",
      staff: 1200,
      nda: true,
      contract_no: "HT-2026-001",
      channel: "reseller",
    });
  });

  it("reports every problem of a row in one check, uniqueness too, naming the choices as the user sees them", async () => {
    const row = "坏数据公司,成交,bad-email,2026-13-40,明天上午,abc,很多,nein,HT-2026-001,未知渠道,不存在的人";
    const { dry } = await check(Buffer.from(`${headers}\n${row}\n`), "zh-CN");
    expect(dry.error).toBe(1);
    const byColumn = Object.fromEntries(dry.problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byColumn).sort()).toEqual(
      [
        "生命周期阶段",
        "邮箱",
        "签约日期",
        "复盘时间",
        "年度预算",
        "员工人数",
        "已签保密协议",
        "合同编号",
        "销售渠道",
      ].sort(),
    );
    expect(byColumn.销售渠道).toBe("“未知渠道”不是以下之一：直销、代理商");
    expect(byColumn.合同编号).toBe("已被其他记录使用");
    expect(byColumn.已签保密协议).toContain("是");
    expect(byColumn.生命周期阶段).toContain("应为以下之一：");
    // The owner the file names is a note of the same check.
    expect(dry.warnings.map((w) => w.message)).toEqual([expect.stringContaining("不存在的人")]);
  });

  it("refuses an amount in another currency, in English with English labels", async () => {
    const row = "Another Co,,,,,$500,,,,Partner,";
    const { dry } = await check(Buffer.from(`${headers}\n${row}\n`), "en");
    expect(dry.problems).toEqual([
      { row: 2, field: "年度预算", message: "is in $, not CNY" },
      { row: 2, field: "销售渠道", message: '"Partner" is not one of: Direct, Reseller' },
    ]);
  });

  it("reads a contact's birthday written with slashes", async () => {
    const res = await uploadImport<Upload>(ctx, admin, "姓名,生日\n李雷,1990/3/8\n", "objectType=contact");
    const dry = await admin.post<DryRun>(`/api/v1/imports/${res.body.batch.id}/dry-run`, {
      mapping: { "0": "name", "1": "birthday" },
    });
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.create).toBe(1);
  });
});
