import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, Segmented, Spin, Timeline } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useDepartments, useUsers } from "../admin/api";
import { useCan } from "../auth/session";
import { FollowUpSummary } from "../follow-ups/FollowUpSummary";
import { LogFollowUpForm } from "../follow-ups/LogFollowUpForm";
import { useCustomerTimeline } from "./api";
import { entryIcon, TimelineEntryView } from "./TimelineEntryView";

const FILTERS = ["all", "followUp", "change", "task", "contact"] as const;
type Filter = (typeof FILTERS)[number];

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
  const describe = useErrorMessage();
  const [filter, setFilter] = useState<Filter>("all");
  const [logging, setLogging] = useState(false);
  const logGuard = useDiscardGuard(() => setLogging(false));
  const timeline = useCustomerTimeline(customer.id, filter === "all" ? [] : [filter]);
  // Names for the ids a change stores; without access to these lists the id is shown.
  const users = useUsers();
  const departments = useDepartments();
  const names = new Map<string, string>([
    ...(users.data ?? []).map((u): [string, string] => [u.id, u.name]),
    ...(departments.data ?? []).map((d): [string, string] => [d.id, d.name]),
  ]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const mayLog = can("followUps", "create") && customer.deletedAt === null;

  const entries = timeline.data?.pages.flatMap((page) => page.data) ?? [];

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
              content: <TimelineEntryView entry={entry} nameOf={nameOf} />,
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
