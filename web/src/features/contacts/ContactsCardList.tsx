import { Alert, Empty, List, Space, Spin, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import type { Contact } from "./api";
import { useContactLabels } from "./labels";

/** What a customer's contacts card shows of a contact. */
type CardContact = {
  id: string;
  name: string;
  isPrimary: boolean;
  title?: string | null;
  buyingRole?: Contact["buyingRole"];
  phones: { number: string }[];
  emails: { address: string }[];
};

/**
 * A customer's people as its cards list them: primary first, then by name (the server sorts by
 * name), each with title, buying role, and a phone and an email to reach them. `name` shows the
 * contact's name, as a link where the caller may open it.
 */
export function ContactsCardList<C extends CardContact>({
  list,
  name,
  itemTestId,
  footer,
}: {
  list: { data?: { data: C[] }; isPending: boolean; isError: boolean; error: unknown };
  name: (contact: C) => ReactNode;
  itemTestId?: string;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const labels = useContactLabels();
  const contacts = [...(list.data?.data ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  if (list.isPending) return <Spin />;
  if (list.isError) return <Alert type="error" showIcon title={describe(list.error)} />;
  if (contacts.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("contacts.card.empty")} />;
  return (
    <List
      size="small"
      dataSource={contacts}
      renderItem={(contact) => (
        <List.Item key={contact.id} data-testid={itemTestId}>
          <Space wrap size={4}>
            {name(contact)}
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
      footer={footer}
    />
  );
}
