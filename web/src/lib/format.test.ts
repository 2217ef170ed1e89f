import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "./format";

describe("format", () => {
  it("formats money from a decimal string without float rounding", () => {
    expect(formatMoney({ amount: "1234.50", currency: "CNY" }, "zh-CN")).toBe("¥1,234.50");
    expect(formatMoney({ amount: "1234.50", currency: "USD" }, "en")).toBe("$1,234.50");
    expect(formatMoney({ amount: "90071992547409.99", currency: "USD" }, "en")).toBe("$90,071,992,547,409.99");
  });

  it("keeps an amount it cannot format readable", () => {
    expect(formatMoney({ amount: "abc", currency: "CNY" }, "en")).toBe("abc CNY");
    expect(formatMoney({ amount: "1.00", currency: "NOPE1" }, "en")).toBe("1.00 NOPE1");
    expect(formatMoney(null, "en")).toBe("");
  });

  it("formats dates in the given time zone and language", () => {
    const iso = "2025-03-07T23:30:00Z";
    expect(formatDate(iso, "en", "UTC")).toBe("Mar 7, 2025");
    expect(formatDate(iso, "zh-CN", "Asia/Shanghai")).toBe("2025年3月8日");
    expect(formatDateTime(iso, "en", "UTC")).toContain("11:30");
    expect(formatDate("not a date", "en")).toBe("");
  });

  it("formats numbers with the locale's grouping", () => {
    expect(formatNumber(1234567.891, "en")).toBe("1,234,567.89");
    expect(formatNumber("42", "zh-CN")).toBe("42");
  });
});
