import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCan } from "../auth/session";
import { useContactList } from "./api";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { useContactLabels } from "./labels";

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
  const describe = useErrorMessage();
  const can = useCan();
  const labels = useContactLabels();
  const [adding, setAdding] = useState(false);
  const list = useCustomerContacts(customer.id);
  if (!can("contacts", "view")) return null;
  // Primary contact first, then by name (the server sorted by name).
  const contacts = [...(list.data?.data ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));

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
      {list.isPending ? (
        <Spin />
      ) : list.isError ? (
        <Alert type="error" showIcon title={describe(list.error)} />
      ) : contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("contacts.card.empty")} />
      ) : (
        <List
          size="small"
          dataSource={contacts}
          renderItem={(contact) => (
            <List.Item key={contact.id}>
              <Space wrap size={4}>
                <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
                {contact.isPrimary && <Tag color="gold">{t("contacts.primary")}</Tag>}
                {contact.title && <Typography.Text type="secondary">{contact.title}</Typography.Text>}
                {contact.buyingRole && <Tag>{labels.buyingRole(contact.buyingRole)}</Tag>}
              </Space>
              <Space wrap size={8}>
                {contact.phones[0] && <a href={`tel:${contact.phones[0].number}`}>{contact.phones[0].number}</a>}
                {contact.emails[0] && <a href={`mailto:${contact.emails[0].address}`}>{contact.emails[0].address}</a>}
              </Space>
            </List.Item>
          )}
          footer={
            list.data?.nextCursor ? (
              <Link to={`/contacts?customerId=${customer.id}`}>{t("contacts.card.all")}</Link>
            ) : undefined
          }
        />
      )}
      <ContactFormDrawer
        open={adding}
        defaultCustomer={{ id: customer.id, name: customer.name }}
        onClose={() => setAdding(false)}
        onSaved={() => setAdding(false)}
      />
    </Card>
  );
}
