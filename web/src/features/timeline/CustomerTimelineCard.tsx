import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useCan } from "../auth/session";
import { FollowUpSummary } from "../follow-ups/FollowUpSummary";
import { LogFollowUpForm } from "../follow-ups/LogFollowUpForm";
import { useCustomerTimeline } from "./api";
import { kindsOf, TimelineEntries, type TimelineFilter } from "./TimelineEntries";

type CustomerSummary = {
  id: string;
  lastFollowUpAt: string | null;
  nextFollowUpAt: string | null;
  deletedAt: string | null;
};

/** The 360° view: everything about a customer, newest first, with "Log follow-up" on top. */
export function CustomerTimelineCard({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  const can = useCan();
  const [filter, setFilter] = useState<TimelineFilter>("all");
  const [logging, setLogging] = useState(false);
  const logGuard = useDiscardGuard(() => setLogging(false));
  const timeline = useCustomerTimeline(customer.id, kindsOf(filter));
  const mayLog = can("followUps", "create") && customer.deletedAt === null;

  return (
    <Card
      title={t("followUps.timeline.title")}
      size="small"
      extra={
        mayLog &&
        !logging && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="follow-up-log">
            {t("followUps.log")}
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        <FollowUpSummary last={customer.lastFollowUpAt} next={customer.nextFollowUpAt} />
        {logging && (
          <Card size="small" title={t("followUps.log")}>
            <LogFollowUpForm
              customerId={customer.id}
              onDone={logGuard.done}
              onCancel={logGuard.close}
              onEdit={logGuard.markDirty}
            />
          </Card>
        )}
        <TimelineEntries filter={filter} onFilter={setFilter} timeline={timeline} />
      </Flex>
    </Card>
  );
}
