import { Card, Col, Flex, Grid, Row } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordDetailHeader } from "../../components/records/RecordDetailHeader";
import { useCan } from "../auth/session";
import { CustomerContactsCard } from "../contacts/CustomerContactsCard";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { CustomerOwnershipActions } from "../pool/CustomerOwnershipActions";
import { MembersCard } from "../sharing/MembersCard";
import { RelatedTasksCard } from "../tasks/RelatedTasksCard";
import { CustomerTimelineCard } from "../timeline/CustomerTimelineCard";
import { useCustomer, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerDetails } from "./CustomerDetails";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { CustomerQuickActions } from "./CustomerQuickActions";

export function CustomerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const customer = useCustomer(id);
  const remove = useDeleteCustomer();
  const restore = useRestoreCustomer();
  const [editing, setEditing] = useState(false);
  const screens = Grid.useBreakpoint();

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
      {!screens.md && <CustomerQuickActions customer={record} />}
      {/* On a wide screen the timeline stands beside the record, as the day's work reads it; narrower, below. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card title={t("customers.details")} size="small">
              <CustomerDetails customer={record} columns={screens.xl ? 1 : undefined} />
            </Card>
            <CustomerContactsCard customer={record} />
            <RelatedTasksCard type="customer" record={record} />
            {!inTrash && (
              <MembersCard
                object="customers"
                recordId={record.id}
                ownerId={record.ownerId}
                editable={writable && can("customers", "edit")}
              />
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          {/* The timeline's "Changes" hold the customer's whole history: no separate history card. */}
          <CustomerTimelineCard customer={record} />
        </Col>
      </Row>
      <CustomerFormDrawer
        open={editing}
        customer={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}
