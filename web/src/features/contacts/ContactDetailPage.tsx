import { Card, Flex, Grid, Tag } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordDetailHeader } from "../../components/records/RecordDetailHeader";
import { RecordHistory } from "../../components/records/RecordHistory";
import { countOfPage, type RecordSection, RecordSectionTabs } from "../../components/records/RecordSectionTabs";
import { useCan } from "../auth/session";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { ContactFollowUpsCard } from "../follow-ups/ContactFollowUpsCard";
import { withImportBatchNames } from "../imports/ImportBatchName";
import { useMembers } from "../sharing/api";
import { MembersCard } from "../sharing/MembersCard";
import { RelatedTasksCard, useOpenRelatedTasks } from "../tasks/RelatedTasksCard";
import { type Contact, useContact, useContactAudit, useDeleteContact, useRestoreContact } from "./api";
import { ContactDetails } from "./ContactDetails";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { useContactLabels } from "./labels";

/**
 * Keyed by the contact: moving to another one (search, a link, Back) starts its page afresh, with
 * no drawer or half-written form of the last one left open over it.
 */
export function ContactDetailPage() {
  const { id = "" } = useParams();
  return <ContactPage key={id} id={id} />;
}

function ContactPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const labels = useContactLabels();
  const contact = useContact(id);
  const audit = useContactAudit(id);
  const remove = useDeleteContact();
  const restore = useRestoreContact();
  const [editing, setEditing] = useState(false);
  const screens = Grid.useBreakpoint();

  if (contact.isPending) return <PageSpin />;
  if (contact.isError) return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  const record = contact.data;
  // Shared with the caller read-only (or through its customer): they may look, not change it.
  const writable = record.access !== "read";
  const customerNames = new Map<string, string>(
    record.customerId && record.customerName ? [[record.customerId, record.customerName]] : [],
  );
  const details = (
    <Card title={t("contacts.details")} size="small">
      <ContactDetails contact={record} />
    </Card>
  );
  const team = record.deletedAt === null && (
    <MembersCard
      object="contacts"
      recordId={record.id}
      ownerId={record.ownerId}
      editable={writable && can("contacts", "edit")}
    />
  );
  const followUps = <ContactFollowUpsCard contact={record} />;
  const tasks = <RelatedTasksCard type="contact" record={record} />;
  const history = (
    <Card title={t("audit.title")} size="small">
      <RecordHistory
        audit={audit}
        fieldLabel={labels.field}
        valueLabel={withImportBatchNames(labels.value)}
        references={{ customerId: customerNames }}
        loadMoreTestId="contact-audit-load-more"
      />
    </Card>
  );

  return (
    <Flex vertical gap={16}>
      <RecordDetailHeader
        module="contacts"
        testIdPrefix="contact"
        record={record}
        backLabel={t("contacts.back")}
        tags={record.isPrimary && <Tag color="gold">{t("contacts.primary")}</Tag>}
        onEdit={() => setEditing(true)}
        remove={remove}
        restore={restore}
        actions={
          writable &&
          can("contacts", "edit") &&
          can("contacts", "delete") && <FindDuplicatesButton objectType="contact" record={record} />
        }
      />
      {/* On a wide screen one card under another; narrower, as on a customer's page, each card is a
          tab, its follow-ups first: a stack would put them under the details and the team. */}
      {screens.xl ? (
        <>
          {details}
          {team}
          {followUps}
          {tasks}
          {history}
        </>
      ) : (
        <ContactSectionTabs key={record.id} contact={record} cards={{ followUps, details, tasks, team, history }} />
      )}
      <ContactFormDrawer
        open={editing}
        contact={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}

type ContactCards = Record<"followUps" | "details" | "tasks" | "team" | "history", ReactNode>;

/** The contact's cards as tabs, those with a list counted from the query their card makes anyway. */
function ContactSectionTabs({ contact, cards }: { contact: Contact; cards: ContactCards }) {
  const { t } = useTranslation();
  const can = useCan();
  const inTrash = contact.deletedAt !== null;
  const tasks = useOpenRelatedTasks("contact", contact.id);
  const members = useMembers("contacts", contact.id, { enabled: !inTrash });
  // Only the cards that show something to this caller (the others render nothing).
  const sections: (RecordSection | false)[] = [
    can("followUps", "view") && { key: "followUps", label: t("followUps.title"), content: cards.followUps },
    { key: "details", label: t("contacts.details"), content: cards.details },
    can("tasks", "view") && {
      key: "tasks",
      label: t("tasks.card.title"),
      count: countOfPage(tasks.data),
      content: cards.tasks,
    },
    !inTrash && { key: "team", label: t("sharing.title"), count: members.data?.length, content: cards.team },
    { key: "history", label: t("audit.title"), content: cards.history },
  ];
  return <RecordSectionTabs sections={sections.filter((section) => section !== false)} />;
}
