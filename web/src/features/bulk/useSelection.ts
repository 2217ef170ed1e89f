import { App } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListRowSelection } from "../../components/records/listSelection";

/**
 * Rows picked in a list, kept across its pages, or "all that match the filter". Changing the
 * filter (resetKey) starts over: a selection made under other filters would surprise. With "all
 * that match", every row on screen shows ticked (the list layout ticks them); unticking one leaves
 * it for the rows still ticked, and says so; unticking the page's box clears the selection.
 */
export function useSelection<T extends { id: string; name: string }>(resetKey: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ids, setIds] = useState<string[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is what we react to
  useEffect(() => {
    setIds([]);
    setAllMatching(false);
  }, [resetKey]);

  const clear = () => {
    setIds([]);
    setAllMatching(false);
  };
  const rowSelection: ListRowSelection<T> = {
    allMatching,
    selectedRowKeys: ids,
    preserveSelectedRowKeys: true,
    // antd names these checkboxes in English only ("Select all", "Row 3 selected").
    getTitleCheckboxProps: () => ({ "aria-label": t("bulk.selectPage") }),
    getCheckboxProps: (record) => ({ "aria-label": t("bulk.selectRow", { name: record.name }) }),
    onChange: (keys, _rows, info) => {
      if (allMatching && info.type === "all") return clear();
      if (allMatching) message.info(t("bulk.leftAllMatching", { count: keys.length }));
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
    clear,
  };
}

/** What the bulk bar needs of a selection, whatever the rows are. */
export type Selection = Omit<ReturnType<typeof useSelection>, "rowSelection">;

/** A list's API query without paging and sort: the filter that "all that match" means. */
export function filterOf(query: Record<string, unknown>): Record<string, unknown> {
  const { sort: _sort, limit: _limit, cursor: _cursor, deleted: _deleted, ...filter } = query;
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== ""));
}
