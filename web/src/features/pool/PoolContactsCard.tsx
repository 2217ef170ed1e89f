import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCan } from "../auth/session";
import { useContactLabels } from "../contacts/labels";
import { usePoolCustomerContacts } from "./api";

/**
 * A pool customer's people, read only: names without links (their pages are not the caller's to
 * open before the claim), phone and email to reach them. Needs the contacts view permission too.
 */
export function PoolContactsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const can = useCan();
  const labels = useContactLabels();
  const mayView = can("contacts", "view");
  const list = usePoolCustomerContacts(customerId, mayView);
  if (!mayView) return null;
  // Primary contact first, then by name (the server sorted by name).
  const contacts = [...(list.data?.data ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));

  return (
    <Card title={t("contacts.card.title")} size="small" data-testid="pool-customer-contacts">
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
            <List.Item key={contact.id} data-testid="pool-customer-contact">
              <Space wrap size={4}>
                <Typography.Text strong>{contact.name}</Typography.Text>
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
        />
      )}
    </Card>
  );
}
