import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Flex, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useCursorStack } from "../../lib/useCursorStack";
import { useFormat } from "../../lib/useFormat";
import { useCan } from "../auth/session";
import { type FollowUp, useFollowUpList } from "./api";
import { followUpKindIcons } from "./kinds";
import { LogFollowUpForm } from "./LogFollowUpForm";

const PAGE_SIZE = 20;

type ContactSummary = { id: string; customerId: string | null; deletedAt: string | null };

/** The follow-ups that involved a contact, newest first; "Log follow-up" at the contact's customer. */
export function ContactFollowUpsCard({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const can = useCan();
  const [logging, setLogging] = useState(false);
  const paging = useCursorStack(contact.id);
  const visible = can("followUps", "view");
  const list = useFollowUpList(
    { contactId: contact.id, sort: "-occurredAt", limit: PAGE_SIZE, cursor: paging.cursor },
    { enabled: visible },
  );
  if (!visible) return null;
  // A follow-up belongs to a customer: a contact on their own has none to log.
  const mayLog = can("followUps", "create") && contact.customerId !== null && contact.deletedAt === null;

  return (
    <Card
      title={t("followUps.title")}
      size="small"
      data-testid="contact-follow-ups"
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
        {logging && contact.customerId && (
          <Card size="small" title={t("followUps.log")}>
            <LogFollowUpForm
              customerId={contact.customerId}
              contactIds={[contact.id]}
              onDone={() => setLogging(false)}
            />
          </Card>
        )}
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : list.isPending ? (
          <Spin aria-label={t("common.loading")} />
        ) : list.data.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("followUps.contactEmpty")} />
        ) : (
          <Flex vertical role="list" aria-busy={list.isFetching}>
            {list.data.data.map((followUp) => (
              <FollowUpItem key={followUp.id} followUp={followUp} />
            ))}
          </Flex>
        )}
        <CursorPager paging={paging} nextCursor={list.data?.nextCursor} />
      </Flex>
    </Card>
  );
}

function FollowUpItem({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex vertical gap={2} role="listitem" style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
      <Typography.Text type="secondary">
        {followUpKindIcons[followUp.kind]} {t(`followUps.kind.${followUp.kind}`)} ·{" "}
        {format.dateTime(followUp.occurredAt)}
        {followUp.ownerName && ` · ${followUp.ownerName}`}
        {" · "}
        <Link to={`/customers/${followUp.customerId}`}>{followUp.customerName ?? followUp.customerId}</Link>
      </Typography.Text>
      <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
        {followUp.content}
      </Typography.Paragraph>
      {followUp.outcome && (
        <Typography.Text>
          <Typography.Text type="secondary">{t("followUps.fields.outcome")}: </Typography.Text>
          {followUp.outcome}
        </Typography.Text>
      )}
    </Flex>
  );
}
