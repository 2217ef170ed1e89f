import { describe, expect, it } from "vitest";
import { defaultSurvivor } from "./survivor";

const fields = ["name", "phone", "email", "tags", "custom.region", "lastFollowUpAt"];
const record = (id: string, createdAt: string, values: Record<string, unknown>) => ({ id, createdAt, ...values });

describe("the default survivor of a merge", () => {
  it("is the record with the most filled fields, whatever its place", () => {
    const bare = record("a", "2025-01-01T00:00:00.000Z", { name: "Acme", phone: "", tags: [] });
    const rich = record("b", "2025-06-01T00:00:00.000Z", { name: "Acme Inc", phone: "138", tags: ["vip"] });
    expect(defaultSurvivor([bare, rich], fields)).toBe("b");
    expect(defaultSurvivor([rich, bare], fields)).toBe("b");
  });

  it("counts custom fields and follow-ups, not empty lists, objects or blanks", () => {
    const custom = record("a", "2025-06-01T00:00:00.000Z", {
      name: "A",
      custom: { region: "华东" },
      lastFollowUpAt: "2025-07-01T00:00:00.000Z",
    });
    const blanks = record("b", "2025-01-01T00:00:00.000Z", {
      name: "B",
      email: null,
      tags: [],
      custom: { region: null },
      phone: "1",
    });
    expect(defaultSurvivor([blanks, custom], fields)).toBe("a");
  });

  it("goes to the oldest record on a tie: the original", () => {
    const newer = record("a", "2025-06-01T00:00:00.000Z", { name: "Acme", phone: "1" });
    const older = record("b", "2024-12-31T23:59:59.000Z", { name: "ACME", email: "x@acme.com" });
    const oldest = record("c", "2020-01-01T00:00:00.000Z", { name: "Acme Co" });
    expect(defaultSurvivor([newer, older, oldest], fields)).toBe("b");
  });

  it("keeps the first given when nothing tells them apart, and has none of no records", () => {
    const one = record("a", "2025-01-01T00:00:00.000Z", { name: "X" });
    const two = record("b", "2025-01-01T00:00:00.000Z", { name: "Y" });
    expect(defaultSurvivor([one, two], fields)).toBe("a");
    expect(defaultSurvivor([{ id: "z", name: "Z" }, one], fields)).toBe("a");
    expect(defaultSurvivor([], fields)).toBeUndefined();
  });
});
