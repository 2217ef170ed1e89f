import { describe, expect, it } from "vitest";
import { joinListValues, splitListValues } from "./listValues";

describe("list filter values", () => {
  it("writes plain values as a comma-separated list, as before", () => {
    expect(joinListValues(["gold", "silver"])).toBe("gold,silver");
    expect(splitListValues("gold,silver")).toEqual(["gold", "silver"]);
  });

  it("quotes a value holding a comma or a quote, and reads it back whole", () => {
    const values = ["Acme, Inc.", 'The "Best" Co', "plain", " padded "];
    const text = joinListValues(values);
    expect(text).toBe('"Acme, Inc.","The ""Best"" Co",plain," padded "');
    expect(splitListValues(text)).toEqual(values);
  });

  it("reads nothing from an empty parameter", () => {
    expect(splitListValues("")).toEqual([]);
  });
});
