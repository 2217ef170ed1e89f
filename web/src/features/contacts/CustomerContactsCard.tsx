import { PlusOutlined } from "@ant-design/icons";
import { Button, Card } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../auth/session";
import { useContactList } from "./api";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { ContactsCardList } from "./ContactsCardList";

const SHOWN = 20;

/** The customer's contacts as its card lists them: the first 20 by name, for whoever may view contacts. */
export function useCustomerContacts(customerId: string) {
  const can = useCan();
  return useContactList({ customerId, sort: "name", limit: SHOWN }, { enabled: can("contacts", "view") });
}

/** The "Contacts" card on a customer's page: its people, primary first, and "Add contact". */
export function CustomerContactsCard({
  customer,
}: {
  customer: { id: string; name: string; deletedAt: string | null };
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const list = useCustomerContacts(customer.id);
  if (!can("contacts", "view")) return null;

  return (
    <Card
      title={t("contacts.card.title")}
      size="small"
      data-testid="customer-contacts"
      extra={
        can("contacts", "create") &&
        customer.deletedAt === null && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="customer-contact-add"
          >
            {t("contacts.card.add")}
          </Button>
        )
      }
    >
      <ContactsCardList
        list={list}
        name={(contact) => <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>}
        footer={
          list.data?.nextCursor ? (
            <Link to={`/contacts?customerId=${customer.id}`}>{t("contacts.card.all")}</Link>
          ) : undefined
        }
      />
      <ContactFormDrawer
        open={adding}
        defaultCustomer={{ id: customer.id, name: customer.name }}
        onClose={() => setAdding(false)}
        onSaved={() => setAdding(false)}
      />
    </Card>
  );
}
