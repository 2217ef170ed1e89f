import { Card, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useCursorStack } from "../../lib/useCursorStack";
import { can, useCurrentSession } from "../auth/session";
import { useCustomerList } from "../customers/api";
import { NextFollowUp } from "../follow-ups/FollowUpSummary";

const PAGE_SIZE = 10;

/**
 * 待跟进客户: the caller's own customers whose next follow-up is today or overdue (days of the
 * organization's time zone), earliest first, each opening the customer. Nothing due, nothing shown:
 * the page stays about tasks.
 */
export function DueFollowUpsCard() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const allowed = can(session, "customers", "view");
  const paging = useCursorStack("due");
  const list = useCustomerList(
    {
      ownerId: session.user.id,
      followUpDue: "todayOrOverdue",
      sort: "nextFollowUpAt",
      limit: PAGE_SIZE,
      cursor: paging.cursor,
    },
    { enabled: allowed },
  );
  if (!allowed || list.isPending || (list.data?.data.length === 0 && !paging.hasPrevious)) return null;

  return (
    <Card title={t("tasks.followUpsDue.title")} size="small" data-testid="due-follow-ups">
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Flex vertical role="list" aria-busy={list.isFetching}>
          {list.data.data.map((customer) => (
            <Flex
              key={customer.id}
              role="listitem"
              wrap
              justify="space-between"
              align="center"
              gap={8}
              style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}
            >
              <Link to={`/customers/${customer.id}`} style={{ fontWeight: 500, minWidth: 0 }}>
                {customer.name}
              </Link>
              <span style={{ fontSize: 12 }}>
                <NextFollowUp at={customer.nextFollowUpAt} />
              </span>
            </Flex>
          ))}
        </Flex>
      )}
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} busy={list.isFetching} />
    </Card>
  );
}
