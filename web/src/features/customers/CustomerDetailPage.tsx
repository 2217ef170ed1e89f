import { Card, Col, Flex, Grid, Row } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordDetailHeader } from "../../components/records/RecordDetailHeader";
import { countOfPage, type RecordSection, RecordSectionTabs } from "../../components/records/RecordSectionTabs";
import { useCan } from "../auth/session";
import { CustomerContactsCard, useCustomerContacts } from "../contacts/CustomerContactsCard";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { CustomerOwnershipActions } from "../pool/CustomerOwnershipActions";
import { useMembers } from "../sharing/api";
import { MembersCard } from "../sharing/MembersCard";
import { RelatedTasksCard, useOpenRelatedTasks } from "../tasks/RelatedTasksCard";
import { CustomerTimelineCard } from "../timeline/CustomerTimelineCard";
import { type Customer, useCustomer, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerDetails } from "./CustomerDetails";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { CustomerQuickActions } from "./CustomerQuickActions";

/**
 * Keyed by the customer: moving to another one (search, a link, Back) starts its page afresh, with
 * no drawer or half-written form of the last one left open over it.
 */
export function CustomerDetailPage() {
  const { id = "" } = useParams();
  return <CustomerPage key={id} id={id} />;
}

function CustomerPage({ id }: { id: string }) {
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
  const details = (
    <Card title={t("customers.details")} size="small">
      <CustomerDetails customer={record} columns={screens.xl ? 1 : undefined} />
    </Card>
  );
  const contacts = <CustomerContactsCard customer={record} />;
  const tasks = <RelatedTasksCard type="customer" record={record} />;
  const team = !inTrash && (
    <MembersCard
      object="customers"
      recordId={record.id}
      ownerId={record.ownerId}
      editable={writable && can("customers", "edit")}
    />
  );
  // The timeline's "Changes" hold the customer's whole history: no separate history card.
  const timeline = <CustomerTimelineCard customer={record} />;

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
      {/* On a wide screen the timeline stands beside the record, as the day's work reads it; narrower,
          each card is a tab, the timeline's first: a stack would put it under all the others. */}
      {screens.xl ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
              {details}
              {contacts}
              {tasks}
              {team}
            </Flex>
          </Col>
          <Col xs={24} xl={14}>
            {timeline}
          </Col>
        </Row>
      ) : (
        <CustomerSectionTabs key={record.id} customer={record} cards={{ timeline, details, contacts, tasks, team }} />
      )}
      <CustomerFormDrawer
        open={editing}
        customer={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}

type CustomerCards = Record<"timeline" | "details" | "contacts" | "tasks" | "team", ReactNode>;

/** The customer's cards as tabs, those with a list counted from the query their card makes anyway. */
function CustomerSectionTabs({ customer, cards }: { customer: Customer; cards: CustomerCards }) {
  const { t } = useTranslation();
  const can = useCan();
  const inTrash = customer.deletedAt !== null;
  const contacts = useCustomerContacts(customer.id);
  const tasks = useOpenRelatedTasks("customer", customer.id);
  const members = useMembers("customers", customer.id, { enabled: !inTrash });
  // Only the cards that show something to this caller (the others render nothing).
  const sections: (RecordSection | false)[] = [
    { key: "timeline", label: t("followUps.timeline.title"), content: cards.timeline },
    { key: "details", label: t("customers.details"), content: cards.details },
    can("contacts", "view") && {
      key: "contacts",
      label: t("contacts.card.title"),
      count: countOfPage(contacts.data),
      content: cards.contacts,
    },
    can("tasks", "view") && {
      key: "tasks",
      label: t("tasks.card.title"),
      count: countOfPage(tasks.data),
      content: cards.tasks,
    },
    !inTrash && { key: "team", label: t("sharing.title"), count: members.data?.length, content: cards.team },
  ];
  return <RecordSectionTabs sections={sections.filter((section) => section !== false)} />;
}
