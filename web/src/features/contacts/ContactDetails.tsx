import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCustomFieldItems } from "../../components/custom-fields/useCustomFieldItems";
import { RecordDescriptions, type RecordItem } from "../../components/records/RecordDescriptions";
import { useFormat } from "../../lib/useFormat";
import type { Contact } from "./api";
import { formatBirthday, useContactLabels } from "./labels";

/** Every field of a contact, labelled, with phones and emails as links. */
export function ContactDetails({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const labels = useContactLabels();
  const format = useFormat();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const list = (items: { key: string; node: React.ReactNode }[]) =>
    items.length === 0 ? (
      none
    ) : (
      <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}>
        {items.map((item) => (
          <li key={item.key}>{item.node}</li>
        ))}
      </ul>
    );

  const customItems = useCustomFieldItems("contact", contact.custom);
  const items: RecordItem[] = [
    {
      key: "customer",
      label: labels.field("customerId"),
      children:
        contact.customerId && contact.customerName ? (
          <Link to={`/customers/${contact.customerId}`}>{contact.customerName}</Link>
        ) : (
          none
        ),
    },
    { key: "title", label: labels.field("title"), children: contact.title ?? none, empty: !contact.title },
    {
      key: "department",
      label: labels.field("department"),
      children: contact.department ?? none,
      empty: !contact.department,
    },
    {
      key: "phones",
      label: labels.field("phones"),
      empty: contact.phones.length === 0,
      children: list(
        contact.phones.map((p, i) => ({
          key: `${i}`,
          node: (
            <>
              <Tag>{t(`contacts.phoneLabel.${p.label}`)}</Tag>
              <a href={`tel:${p.number}`}>{p.number}</a>
            </>
          ),
        })),
      ),
    },
    {
      key: "emails",
      label: labels.field("emails"),
      empty: contact.emails.length === 0,
      children: list(
        contact.emails.map((e, i) => ({
          key: `${i}`,
          node: (
            <>
              <Tag>{t(`contacts.emailLabel.${e.label}`)}</Tag>
              <a href={`mailto:${e.address}`}>{e.address}</a>
            </>
          ),
        })),
      ),
    },
    {
      key: "im",
      label: labels.field("im"),
      empty: contact.im.length === 0,
      children: list(
        contact.im.map((m, i) => ({
          key: `${i}`,
          node: (
            <>
              <Tag>{t(`contacts.imKind.${m.kind}`)}</Tag>
              {m.handle}
            </>
          ),
        })),
      ),
    },
    {
      key: "birthday",
      label: labels.field("birthday"),
      children: formatBirthday(contact.birthday, i18n.resolvedLanguage ?? "en") ?? none,
      empty: !contact.birthday,
    },
    {
      key: "buyingRole",
      label: labels.field("buyingRole"),
      children: contact.buyingRole ? labels.buyingRole(contact.buyingRole) : none,
      empty: !contact.buyingRole,
    },
    {
      key: "isPrimary",
      label: labels.field("isPrimary"),
      children: contact.isPrimary ? <Tag color="gold">{t("contacts.primary")}</Tag> : t("contacts.no"),
    },
    { key: "owner", label: labels.field("ownerId"), children: contact.ownerName ?? none },
    {
      key: "notes",
      label: labels.field("notes"),
      span: "filled" as const,
      children: contact.notes ? (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{contact.notes}</Typography.Paragraph>
      ) : (
        none
      ),
      empty: !contact.notes,
    },
    ...customItems,
    { key: "createdAt", label: labels.field("createdAt"), children: format.dateTime(contact.createdAt) },
    { key: "updatedAt", label: labels.field("updatedAt"), children: format.dateTime(contact.updatedAt) },
  ];
  return <RecordDescriptions items={items} />;
}
