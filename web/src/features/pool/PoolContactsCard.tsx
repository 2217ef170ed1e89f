import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import { ContactsCardList } from "../contacts/ContactsCardList";
import { usePoolCustomerContacts } from "./api";

/**
 * A pool customer's people, read only: names without links (their pages are not the caller's to
 * open before the claim), phone and email to reach them. Needs the contacts view permission too.
 */
export function PoolContactsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const mayView = can("contacts", "view");
  const list = usePoolCustomerContacts(customerId, mayView);
  if (!mayView) return null;

  return (
    <Card title={t("contacts.card.title")} size="small" data-testid="pool-customer-contacts">
      <ContactsCardList
        list={list}
        name={(contact) => <Typography.Text strong>{contact.name}</Typography.Text>}
        itemTestId="pool-customer-contact"
      />
    </Card>
  );
}
