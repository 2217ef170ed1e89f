import { Card, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FollowUpSummary } from "../follow-ups/FollowUpSummary";
import { kindsOf, TimelineEntries, type TimelineFilter } from "../timeline/TimelineEntries";
import { usePoolCustomerTimeline } from "./api";

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
  const [filter, setFilter] = useState<TimelineFilter>("all");
  const timeline = usePoolCustomerTimeline(customer.id, kindsOf(filter));

  return (
    <Card title={t("followUps.timeline.title")} size="small">
      <Flex vertical gap={12}>
        <FollowUpSummary last={customer.lastFollowUpAt} next={customer.nextFollowUpAt} />
        <TimelineEntries filter={filter} onFilter={setFilter} timeline={timeline} readOnly />
      </Flex>
    </Card>
  );
}
