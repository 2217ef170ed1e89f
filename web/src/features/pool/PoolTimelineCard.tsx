import { Alert, Button, Card, Empty, Flex, Segmented, Spin, Timeline } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useDepartments, useUsers } from "../admin/api";
import { FollowUpSummary } from "../follow-ups/FollowUpSummary";
import { entryIcon, TimelineEntryView } from "../timeline/TimelineEntryView";
import { usePoolCustomerTimeline } from "./api";

const FILTERS = ["all", "followUp", "change", "contact", "task"] as const;
type Filter = (typeof FILTERS)[number];

/**
 * A pool customer's history, read only: the customer's own timeline card without "Log follow-up"
 * or edits, read from the pool's endpoint (the customer is not in the caller's scope).
 */
export function PoolTimelineCard({
  customer,
}: {
  customer: { id: string; lastFollowUpAt: string | null; nextFollowUpAt: string | null };
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [filter, setFilter] = useState<Filter>("all");
  const timeline = usePoolCustomerTimeline(customer.id, filter === "all" ? [] : [filter]);
  // Names for the ids a change stores (the previous owner); without access to these lists the id is shown.
  const users = useUsers();
  const departments = useDepartments();
  const names = new Map<string, string>([
    ...(users.data ?? []).map((u): [string, string] => [u.id, u.name]),
    ...(departments.data ?? []).map((d): [string, string] => [d.id, d.name]),
  ]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const entries = timeline.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card title={t("followUps.timeline.title")} size="small">
      <Flex vertical gap={12}>
        <FollowUpSummary last={customer.lastFollowUpAt} next={customer.nextFollowUpAt} />
        <div style={{ overflowX: "auto" }}>
          <Segmented<Filter>
            aria-label={t("followUps.timeline.filter")}
            value={filter}
            onChange={setFilter}
            options={FILTERS.map((value) => ({ value, label: t(`followUps.timeline.kinds.${value}`) }))}
            data-testid="timeline-filter"
          />
        </div>
        {timeline.isPending ? (
          <Spin />
        ) : timeline.isError ? (
          <Alert type="error" showIcon title={describe(timeline.error)} />
        ) : entries.length === 0 ? (
          <Empty
            description={filter === "all" ? t("followUps.timeline.empty") : t(`followUps.timeline.emptyKind.${filter}`)}
          />
        ) : (
          <Timeline
            data-testid="timeline"
            items={entries.map((entry) => ({
              key: `${entry.kind}:${entry.id}`,
              icon: entryIcon(entry),
              content: <TimelineEntryView entry={entry} nameOf={nameOf} readOnly />,
            }))}
          />
        )}
        {timeline.hasNextPage && (
          <Button
            onClick={() => timeline.fetchNextPage()}
            loading={timeline.isFetchingNextPage}
            style={{ alignSelf: "flex-start" }}
            data-testid="timeline-load-more"
          >
            {t("common.loadMore")}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
