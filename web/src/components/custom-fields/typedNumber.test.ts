import { describe, expect, it } from "vitest";
import { decimalPlaces, readNumberBox, readTypedNumber } from "./typedNumber";

describe("a number as a person types it", () => {
  it("reads plain numbers, thousands separators and decimals", () => {
    expect(readTypedNumber("120")).toBe("120");
    expect(readTypedNumber(" 1,200,000 ")).toBe("1200000");
    expect(readTypedNumber("1200.50")).toBe("1200.5");
    expect(readTypedNumber("-3.25")).toBe("-3.25");
    expect(readTypedNumber(".5")).toBe("0.5");
    expect(readTypedNumber("12.")).toBe("12");
    expect(readTypedNumber("007")).toBe("7");
    expect(readTypedNumber("-0")).toBe("0");
  });

  it("understands 万 and 亿, exactly", () => {
    expect(readTypedNumber("12万")).toBe("120000");
    expect(readTypedNumber("1.5亿")).toBe("150000000");
    expect(readTypedNumber("0.1万")).toBe("1000");
    expect(readTypedNumber("1.23456万")).toBe("12345.6");
    expect(readTypedNumber("-2万")).toBe("-20000");
    expect(readTypedNumber("1,200万")).toBe("12000000");
    expect(readTypedNumber("3 万")).toBe("30000");
  });

  it("reads a Chinese input method's full-width digits", () => {
    expect(readTypedNumber("１２万")).toBe("120000");
    expect(readTypedNumber("１，２００．５")).toBe("1200.5");
  });

  it("refuses anything else instead of keeping some of its digits", () => {
    for (const text of ["12k", "3千", "abc1,200", "1,2", "1.2.3", "-", ".", "万", "1e5", "¥12", "12万亿", "1-2"]) {
      expect(readTypedNumber(text), text).toBeUndefined();
    }
  });

  it("reads nothing typed as empty", () => {
    expect(readTypedNumber("")).toBe("");
    expect(readTypedNumber("  ")).toBe("");
  });

  it("counts decimals", () => {
    expect(decimalPlaces("12")).toBe(0);
    expect(decimalPlaces("12.345")).toBe(3);
  });

  it("reads a number or amount box, a list filter's as a form's: 10万 is 100000", () => {
    expect(readNumberBox("10万", false)).toEqual({ value: "100000" });
    expect(readNumberBox("1.5亿", true)).toEqual({ value: "150000000" });
    expect(readNumberBox("0.0123万", true)).toEqual({ value: "123" });
    expect(readNumberBox("1,200.5", true)).toEqual({ value: "1200.5" });
    expect(readNumberBox("", false)).toEqual({ value: "" });
  });

  it("says why a box's text is no value instead of reading some of it", () => {
    expect(readNumberBox("10k", false)).toEqual({ problem: "number" });
    expect(readNumberBox("3千", true)).toEqual({ problem: "number" });
    expect(readNumberBox("1.005", true)).toEqual({ problem: "cents" });
    expect(readNumberBox("1.2345678万", true)).toEqual({ problem: "cents" });
    // A number field keeps its decimals.
    expect(readNumberBox("1.2345678万", false)).toEqual({ value: "12345.678" });
  });
});
