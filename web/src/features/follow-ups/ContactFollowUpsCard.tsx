import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Flex, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useCursorStack } from "../../lib/useCursorStack";
import { useFormat } from "../../lib/useFormat";
import { useCan } from "../auth/session";
import { type FollowUp, useFollowUpList } from "./api";
import { EditFollowUpButton } from "./EditFollowUpButton";
import { FollowUpAbout } from "./FollowUpAbout";
import { followUpKindIcons } from "./kinds";
import { LogFollowUpForm } from "./LogFollowUpForm";

const PAGE_SIZE = 20;

type ContactSummary = {
  id: string;
  name: string;
  customerId: string | null;
  customerName: string | null;
  deletedAt: string | null;
};

/**
 * The follow-ups that involved a contact, newest first, and "Log follow-up": at the contact's customer,
 * or, for someone with no customer, about the contact alone.
 */
export function ContactFollowUpsCard({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const can = useCan();
  const [logging, setLogging] = useState(false);
  const logGuard = useDiscardGuard(() => setLogging(false));
  const paging = useCursorStack(contact.id);
  const visible = can("followUps", "view");
  const list = useFollowUpList(
    { contactId: contact.id, sort: "-occurredAt", limit: PAGE_SIZE, cursor: paging.cursor },
    { enabled: visible },
  );
  if (!visible) return null;
  const mayLog = can("followUps", "create") && contact.deletedAt === null;

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
        {logging && (
          <Card size="small" title={t("followUps.log")}>
            <LogFollowUpForm
              customerId={contact.customerId}
              customerName={contact.customerName}
              contacts={[{ id: contact.id, name: contact.name }]}
              onDone={logGuard.done}
              onCancel={logGuard.close}
              onEdit={logGuard.markDirty}
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
              <FollowUpItem key={followUp.id} followUp={followUp} contactId={contact.id} />
            ))}
          </Flex>
        )}
        <CursorPager paging={paging} nextCursor={list.data?.nextCursor} />
      </Flex>
    </Card>
  );
}

function FollowUpItem({ followUp, contactId }: { followUp: FollowUp; contactId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Its customer, or without one the other people it involved: this page is already the contact's.
  const about = { ...followUp, contacts: followUp.contacts.filter((c) => c.id !== contactId) };
  return (
    <Flex vertical gap={2} role="listitem" style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text type="secondary">
          {followUpKindIcons[followUp.kind]} {t(`followUps.kind.${followUp.kind}`)} ·{" "}
          {format.dateTime(followUp.occurredAt)}
          {followUp.ownerName && ` · ${followUp.ownerName}`}
          {(about.customerId || about.contacts.length > 0) && (
            <>
              {" · "}
              <FollowUpAbout followUp={about} />
            </>
          )}
        </Typography.Text>
        <EditFollowUpButton followUpId={followUp.id} />
      </Flex>
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
