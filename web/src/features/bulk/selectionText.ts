import type { TFunction } from "i18next";
import { BULK_LIMIT, type BulkCount, type BulkObject } from "./api";
import type { Selection } from "./useSelection";

/**
 * What the bulk bar says of a selection (`label`) and what its dialogs call it (`what`: "12
 * customers", "1,234 customers", "more than 1,000 customers"). Rows picked by hand count
 * themselves; "all that match" says the server's count once it has one.
 */
export function selectionText(
  t: TFunction,
  objectType: BulkObject,
  selection: Pick<Selection, "allMatching" | "count">,
  matching: BulkCount | undefined,
): { label: string; what: string } {
  const records = (count: number) => t(`bulk.${objectType}`, { count });
  if (!selection.allMatching) {
    return { label: t("bulk.selected", { count: selection.count }), what: records(selection.count) };
  }
  if (!matching) {
    // Still counting, or the count failed: say what "all that match" means; the action answers for itself.
    const unknown = t("bulk.allMatching", { limit: BULK_LIMIT });
    return { label: unknown, what: unknown };
  }
  const { count, limit } = matching;
  if (count > limit) {
    // The server refuses so many at once (413, shown when tried): say so before.
    return {
      label: t("bulk.allMatchingOver", { what: records(limit) }),
      what: t("bulk.moreThan", { what: records(limit) }),
    };
  }
  if (count === 0) return { label: t("bulk.allMatchingNone"), what: records(0) };
  return { label: t("bulk.allMatchingCount", { count, what: records(count) }), what: records(count) };
}
