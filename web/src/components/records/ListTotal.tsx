import type { UseQueryResult } from "@tanstack/react-query";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ListCount } from "../../lib/records/useListCount";
import { useFormat } from "../../lib/useFormat";

/**
 * "1,234 records" / "共 1,234 条" beside a list's title; "10,000+" past what the server counts. Quiet
 * while it loads: the line keeps its place (no jump), and another filter's count replaces the last
 * one, dimmed until then. Says nothing when the count fails: the list itself shows what went wrong.
 */
export function ListTotal({ count, testId }: { count: UseQueryResult<ListCount>; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = count.data;
  const text = !total
    ? "\u00a0"
    : total.capped
      ? t("common.totalCapped", { total: format.number(total.count) })
      : t("common.total", { count: total.count, total: format.number(total.count) });
  return (
    <Typography.Text
      type="secondary"
      aria-live="polite"
      aria-busy={count.isFetching}
      data-testid={testId}
      data-loading={count.isFetching || undefined}
      style={{
        whiteSpace: "nowrap",
        minWidth: "6em",
        opacity: count.isPlaceholderData ? 0.5 : 1,
        transition: "opacity 0.2s",
      }}
    >
      {text}
    </Typography.Text>
  );
}
