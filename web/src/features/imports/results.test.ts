import { describe, expect, it } from "vitest";
import { translator } from "../../locales/translator";
import type { ImportBatch } from "./api";
import { importResult } from "./results";

const undone = (counts: Partial<ImportBatch>) =>
  ({
    status: "undone",
    createdCount: 3,
    updatedCount: 0,
    skippedCount: 0,
    errorCount: 0,
    createdCustomers: 0,
    revertedCount: 1,
    keptCount: 1,
    goneCount: 0,
    ...counts,
  }) as ImportBatch;

describe("an undone import's result", () => {
  it("says what the undo removed and kept, and what had been deleted for good before it, in en", async () => {
    const t = await translator("en");
    expect(importResult(t, undone({}))).toBe("Undone: 1 records removed, 1 kept");
    expect(importResult(t, undone({ goneCount: 1 }))).toBe(
      "Undone: 1 records removed, 1 kept, 1 already deleted for good",
    );
  });

  it("and in zh-CN", async () => {
    const t = await translator("zh-CN");
    expect(importResult(t, undone({ goneCount: 2 }))).toBe("已撤销：删除 1 条，保留 1 条，另有 2 条此前已被彻底删除");
  });
});
