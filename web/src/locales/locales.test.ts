import { describe, expect, it } from "vitest";
import en from "./en.json";
import zhCN from "./zh-CN.json";

/** Every leaf of a nested translation object as "a.b.c" -> value. */
function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("locales", () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it("zh-CN and en have exactly the same keys", () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("no translation is empty or not a string", () => {
    for (const [locale, entries] of [
      ["en", english],
      ["zh-CN", chinese],
    ] as const) {
      for (const [key, value] of entries) {
        expect(typeof value === "string" && value.trim().length > 0, `${locale}: ${key}`).toBe(true);
      }
    }
  });

  it("both languages use the same {{placeholders}}", () => {
    for (const [key, value] of english) {
      const other = chinese.get(key);
      if (typeof value === "string" && typeof other === "string") {
        expect(placeholders(other), key).toEqual(placeholders(value));
      }
    }
  });
});
