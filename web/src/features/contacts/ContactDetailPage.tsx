import { Card, Flex, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordDetailHeader } from "../../components/records/RecordDetailHeader";
import { RecordHistory } from "../../components/records/RecordHistory";
import { useCan } from "../auth/session";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { ContactFollowUpsCard } from "../follow-ups/ContactFollowUpsCard";
import { withImportBatchNames } from "../imports/ImportBatchName";
import { MembersCard } from "../sharing/MembersCard";
import { RelatedTasksCard } from "../tasks/RelatedTasksCard";
import { useContact, useContactAudit, useDeleteContact, useRestoreContact } from "./api";
import { ContactDetails } from "./ContactDetails";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { useContactLabels } from "./labels";

export function ContactDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const labels = useContactLabels();
  const contact = useContact(id);
  const audit = useContactAudit(id);
  const remove = useDeleteContact();
  const restore = useRestoreContact();
  const [editing, setEditing] = useState(false);

  if (contact.isPending) return <PageSpin />;
  if (contact.isError) return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  const record = contact.data;
  // Shared with the caller read-only (or through its customer): they may look, not change it.
  const writable = record.access !== "read";
  const customerNames = new Map<string, string>(
    record.customerId && record.customerName ? [[record.customerId, record.customerName]] : [],
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
      <Card title={t("contacts.details")} size="small">
        <ContactDetails contact={record} />
      </Card>
      {record.deletedAt === null && (
        <MembersCard
          object="contacts"
          recordId={record.id}
          ownerId={record.ownerId}
          editable={writable && can("contacts", "edit")}
        />
      )}
      <ContactFollowUpsCard contact={record} />
      <RelatedTasksCard type="contact" record={record} />
      <Card title={t("audit.title")} size="small">
        <RecordHistory
          audit={audit}
          fieldLabel={labels.field}
          valueLabel={withImportBatchNames(labels.value)}
          references={{ customerId: customerNames }}
          loadMoreTestId="contact-audit-load-more"
        />
      </Card>
      <ContactFormDrawer
        open={editing}
        contact={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}
