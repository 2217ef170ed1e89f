import { Card, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordDetailHeader } from "../../components/records/RecordDetailHeader";
import { RecordHistory } from "../../components/records/RecordHistory";
import { useCan } from "../auth/session";
import { CustomerContactsCard } from "../contacts/CustomerContactsCard";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { CustomerOwnershipActions } from "../pool/CustomerOwnershipActions";
import { MembersCard } from "../sharing/MembersCard";
import { RelatedTasksCard } from "../tasks/RelatedTasksCard";
import { CustomerTimelineCard } from "../timeline/CustomerTimelineCard";
import { useCustomer, useCustomerAudit, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerDetails } from "./CustomerDetails";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { useCustomerLabels } from "./labels";

export function CustomerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const labels = useCustomerLabels();
  const customer = useCustomer(id);
  const audit = useCustomerAudit(id);
  const remove = useDeleteCustomer();
  const restore = useRestoreCustomer();
  const [editing, setEditing] = useState(false);

  if (customer.isPending) return <PageSpin />;
  if (customer.isError) return <QueryError error={customer.error} onRetry={() => customer.refetch()} />;
  const record = customer.data;
  const inTrash = record.deletedAt !== null;
  // Shared with the caller read-only: they may look, log follow-ups and add contacts or tasks, not change it.
  const writable = record.access !== "read";

  return (
    <Flex vertical gap={16}>
      <RecordDetailHeader
        module="customers"
        testIdPrefix="customer"
        record={record}
        backLabel={t("nav.backToCustomers")}
        onEdit={() => setEditing(true)}
        remove={remove}
        restore={restore}
        actions={
          <>
            <CustomerOwnershipActions customer={record} />
            {writable && can("customers", "edit") && can("customers", "delete") && (
              <FindDuplicatesButton objectType="customer" record={record} />
            )}
          </>
        }
      />
      <Card title={t("customers.details")} size="small">
        <CustomerDetails customer={record} />
      </Card>
      {!inTrash && (
        <MembersCard
          object="customers"
          recordId={record.id}
          ownerId={record.ownerId}
          editable={writable && can("customers", "edit")}
        />
      )}
      <CustomerContactsCard customer={record} />
      <RelatedTasksCard type="customer" record={record} />
      <CustomerTimelineCard customer={record} />
      <Card title={t("audit.title")} size="small">
        <RecordHistory audit={audit} fieldLabel={labels.field} valueLabel={labels.value} />
      </Card>
      <CustomerFormDrawer
        open={editing}
        customer={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}
