import { Card, Flex, Segmented, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useCursorStack } from "../../lib/useCursorStack";
import { useFormat } from "../../lib/useFormat";
import { can, useCurrentSession } from "../auth/session";
import { useCustomerCount, useCustomerList } from "../customers/api";

const PAGE_SIZE = 10;

/** Today's (the whole day, passed or not) and the overdue ones (planned for an earlier day): the customer list's filters. */
type DueGroup = "today" | "beforeToday";

/**
 * 待跟进客户: the caller's own customers whose next follow-up is today or overdue (days of the
 * organization's time zone), in two groups with a count of each ("Today 1 · Overdue 12"), each
 * earliest first and opening the customer. Today's come first, so a long tail of overdue ones never
 * pages them away; the overdue ones are one click off. Nothing due, nothing shown: the page stays
 * about tasks.
 */
export function DueFollowUpsCard() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const allowed = can(session, "customers", "view");
  const mine = (followUpDue: DueGroup) => ({ ownerId: session.user.id, followUpDue });
  const todayCount = useCustomerCount(mine("today"), { enabled: allowed });
  const overdueCount = useCustomerCount(mine("beforeToday"), { enabled: allowed });
  const [today, overdue] = [todayCount.data, overdueCount.data];
  const [picked, setPicked] = useState<DueGroup>();
  // The group the rep picked while it holds anyone (they may have just followed its last one up);
  // otherwise today's, unless there are none.
  const pickedCount = picked === "today" ? today : overdue;
  const group: DueGroup = picked && pickedCount?.count !== 0 ? picked : today?.count === 0 ? "beforeToday" : "today";
  const paging = useCursorStack(`due:${group}`);
  const list = useCustomerList(
    { ...mine(group), sort: "nextFollowUpAt", limit: PAGE_SIZE, cursor: paging.cursor },
    { enabled: allowed && todayCount.isSuccess && overdueCount.isSuccess },
  );
  const counts = todayCount.isError ? todayCount : overdueCount;
  if (!allowed || todayCount.isPending || overdueCount.isPending) return null;
  if (today?.count === 0 && overdue?.count === 0) return null;

  const counted = (count?: { count: number; capped: boolean }) => `${count?.count ?? 0}${count?.capped ? "+" : ""}`;
  return (
    <Card title={t("tasks.followUpsDue.title")} size="small" data-testid="due-follow-ups">
      {counts.isError ? (
        <QueryError error={counts.error} onRetry={() => counts.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          <Segmented<DueGroup>
            value={group}
            onChange={setPicked}
            aria-label={t("tasks.followUpsDue.title")}
            options={[
              { value: "today", label: t("tasks.followUpsDue.today", { n: counted(today) }) },
              { value: "beforeToday", label: t("tasks.followUpsDue.overdue", { n: counted(overdue) }) },
            ]}
            data-testid="due-follow-ups-groups"
            style={{ alignSelf: "flex-start" }}
          />
          {list.isError ? (
            <QueryError error={list.error} onRetry={() => list.refetch()} />
          ) : (
            <DueCustomers group={group} customers={list.data?.data ?? []} busy={list.isFetching} />
          )}
          <CursorPager paging={paging} nextCursor={list.data?.nextCursor} busy={list.isFetching} />
        </Flex>
      )}
    </Card>
  );
}

function DueCustomers({
  group,
  customers,
  busy,
}: {
  group: DueGroup;
  customers: { id: string; name: string; nextFollowUpAt: string | null }[];
  busy: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex vertical role="list" aria-busy={busy}>
      {customers.map((customer) => (
        <Flex
          key={customer.id}
          role="listitem"
          wrap
          justify="space-between"
          align="center"
          gap={8}
          style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}
          data-testid="due-follow-up"
          data-group={group}
        >
          <Link to={`/customers/${customer.id}`} style={{ fontWeight: 500, minWidth: 0 }}>
            {customer.name}
          </Link>
          <span style={{ fontSize: 12 }}>
            {customer.nextFollowUpAt && format.dateTime(customer.nextFollowUpAt)}{" "}
            {group === "today" ? (
              <Tag color="blue">{t("tasks.followUpsDue.todayTag")}</Tag>
            ) : (
              <Tag color="red">{t("followUps.overdue")}</Tag>
            )}
          </span>
        </Flex>
      ))}
    </Flex>
  );
}
