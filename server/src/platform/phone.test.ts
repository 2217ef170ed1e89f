import { describe, expect, it } from "vitest";
import { PHONE_MESSAGE, phoneNumber, phoneProblem, SHORTENED_MESSAGE } from "./phone.ts";

describe("phone numbers", () => {
  it("takes numbers as people write them, with an extension", () => {
    for (const number of [
      "+86 21 5555 0101",
      "138-0013-8000",
      "(010) 6552.1234",
      "021 5555 0101 转 808",
      "555 0101 ext. 12",
    ])
      expect(phoneProblem(number), number).toBeUndefined();
  });

  it("refuses text without three digits", () => {
    for (const number of ["(.) -", "12", "+", "call me", "x: 12"])
      expect(phoneProblem(number), number).toBe(PHONE_MESSAGE);
  });

  it("tells a number a spreadsheet shortened apart, with one message, not two", () => {
    for (const number of ["1.38001E+10", "8.61E+12", "1E+10", "1.5e10"]) {
      expect(phoneProblem(number), number).toBe(SHORTENED_MESSAGE);
      const parsed = phoneNumber.safeParse(number);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toEqual([SHORTENED_MESSAGE]);
    }
    expect(phoneNumber.parse(" 13800138000 ")).toBe("13800138000");
  });
});
