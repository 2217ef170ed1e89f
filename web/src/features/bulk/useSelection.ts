import type { TableProps } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Rows picked in a list, kept across its pages, or "all that match the filter". Changing the
 * filter (resetKey) starts over: a selection made under other filters would surprise.
 */
export function useSelection<T extends { id: string; name: string }>(resetKey: string) {
  const { t } = useTranslation();
  const [ids, setIds] = useState<string[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is what we react to
  useEffect(() => {
    setIds([]);
    setAllMatching(false);
  }, [resetKey]);

  const rowSelection: TableProps<T>["rowSelection"] = {
    selectedRowKeys: ids,
    preserveSelectedRowKeys: true,
    // antd names these checkboxes in English only ("Select all", "Row 3 selected").
    getTitleCheckboxProps: () => ({ "aria-label": t("bulk.selectPage") }),
    getCheckboxProps: (record) => ({ "aria-label": t("bulk.selectRow", { name: record.name }) }),
    onChange: (keys) => {
      setIds(keys.map(String));
      setAllMatching(false);
    },
  };
  return {
    ids,
    allMatching,
    count: ids.length,
    active: allMatching || ids.length > 0,
    rowSelection,
    selectAllMatching: () => setAllMatching(true),
    clear: () => {
      setIds([]);
      setAllMatching(false);
    },
  };
}

/** What the bulk bar needs of a selection, whatever the rows are. */
export type Selection = Omit<ReturnType<typeof useSelection>, "rowSelection">;

/** A list's API query without paging and sort: the filter that "all that match" means. */
export function filterOf(query: Record<string, unknown>): Record<string, unknown> {
  const { sort: _sort, limit: _limit, cursor: _cursor, deleted: _deleted, ...filter } = query;
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== ""));
}
