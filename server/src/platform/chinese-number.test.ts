import { describe, expect, it } from "vitest";
import { readTypedNumber as webReads } from "../../../web/src/components/custom-fields/typedNumber.ts";
import { readTypedNumber } from "./chinese-number.ts";

describe("numbers typed with 万 and 亿, on the server", () => {
  it("reads them exactly, with separators and full-width digits", () => {
    expect(readTypedNumber("12万")).toBe("120000");
    expect(readTypedNumber("1.5亿")).toBe("150000000");
    expect(readTypedNumber("0.1万")).toBe("1000");
    expect(readTypedNumber("1,200,000")).toBe("1200000");
    expect(readTypedNumber("１２万")).toBe("120000");
    expect(readTypedNumber("-2万")).toBe("-20000");
  });

  it("refuses what it cannot read instead of keeping some digits", () => {
    for (const text of ["3千", "12k", "12万亿", "1万2", "1,2", "¥12", "1e5", "万", "-"])
      expect(readTypedNumber(text), text).toBeUndefined();
  });

  it("reads every text as the web's forms and filters do: one rule on both sides", () => {
    const texts = [
      ...["120", " 1,200,000 ", "1200.50", "-3.25", ".5", "12.", "007", "-0", "", "  "],
      ...["12万", "1.5亿", "0.1万", "1.23456万", "-2万", "1,200万", "3 万", "１２万", "１，２００．５"],
      ...["12k", "3千", "abc1,200", "1,2", "1.2.3", "-", ".", "万", "1e5", "¥12", "12万亿", "1-2", "1万2"],
    ];
    for (const text of texts) expect(readTypedNumber(text), text).toBe(webReads(text));
  });
});
