import type { TFunction } from "i18next";
import type { ImportBatch } from "./api";

/**
 * What an import did, as its result and the history say it: the rows' records, and the customers a
 * contact import created besides; once undone, what the undo took back (created records are deleted,
 * so "restored" only fits the ones it updated) and what had been deleted for good before it.
 */
export function importResult(t: TFunction, batch: ImportBatch): string {
  if (batch.status === "undone") {
    const result = t(batch.updatedCount > 0 ? "imports.undone" : "imports.undoneRemoved", {
      reverted: batch.revertedCount,
      kept: batch.keptCount,
    });
    return batch.goneCount > 0 ? t("imports.undoneGone", { result, count: batch.goneCount }) : result;
  }
  const outcome = t("imports.outcome", {
    created: batch.createdCount,
    updated: batch.updatedCount,
    skipped: batch.skippedCount,
    errors: batch.errorCount,
  });
  return batch.createdCustomers > 0
    ? t("imports.outcomeWithCustomers", { outcome, count: batch.createdCustomers })
    : outcome;
}
