import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCustomFieldItems } from "../../components/custom-fields/useCustomFieldItems";
import { RecordDescriptions, type RecordItem } from "../../components/records/RecordDescriptions";
import { useFormat } from "../../lib/useFormat";
import { OptionTag } from "../option-lists/OptionTag";
import type { Customer } from "./api";
import { stageTag } from "./customerColumns";
import { formatAddress, useCustomerLabels } from "./labels";

/** Every field of a customer, labelled and with enum values translated. */
export function CustomerDetails({ customer, columns }: { customer: Customer; columns?: number }) {
  const { t, i18n } = useTranslation();
  const labels = useCustomerLabels();
  const format = useFormat();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const orNone = (value: string | null | undefined) => (value ? value : none);

  const customItems = useCustomFieldItems("customer", customer.custom);
  const address = formatAddress(customer.address, i18n.resolvedLanguage ?? "en");
  const items: RecordItem[] = [
    { key: "kind", label: labels.field("kind"), children: labels.kind(customer.kind) },
    {
      key: "lifecycleStage",
      label: labels.field("lifecycleStage"),
      children: stageTag(customer.lifecycleStage),
    },
    {
      key: "level",
      label: labels.field("level"),
      children: customer.level ? labels.level(customer.level) : none,
      empty: !customer.level,
    },
    {
      key: "industry",
      label: labels.field("industry"),
      children: customer.industry ? labels.industry(customer.industry) : none,
      empty: !customer.industry,
    },
    {
      key: "size",
      label: labels.field("size"),
      children: customer.size ? labels.size(customer.size) : none,
      empty: !customer.size,
    },
    {
      key: "source",
      label: labels.field("source"),
      children: customer.source ? labels.source(customer.source) : none,
      empty: !customer.source,
    },
    { key: "owner", label: t("customers.fields.ownerId"), children: orNone(customer.ownerName) },
    {
      key: "tags",
      label: labels.field("tags"),
      children: customer.tags.length
        ? customer.tags.map((tag) => <OptionTag key={tag} listKey="customer.tags" value={tag} />)
        : none,
      empty: customer.tags.length === 0,
    },
    {
      key: "phone",
      label: labels.field("phone"),
      children: customer.phone ? <a href={`tel:${customer.phone}`}>{customer.phone}</a> : none,
      empty: !customer.phone,
    },
    {
      key: "email",
      label: labels.field("email"),
      children: customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : none,
      empty: !customer.email,
    },
    {
      key: "website",
      label: labels.field("website"),
      children: customer.website ? (
        <a href={safeUrl(customer.website)} target="_blank" rel="noopener noreferrer">
          {customer.website}
        </a>
      ) : (
        none
      ),
      empty: !customer.website,
    },
    { key: "address", label: labels.field("address"), span: 2, children: orNone(address), empty: !address },
    {
      key: "notes",
      label: labels.field("notes"),
      span: "filled" as const,
      children: customer.notes ? (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{customer.notes}</Typography.Paragraph>
      ) : (
        none
      ),
      empty: !customer.notes,
    },
    ...customItems,
    { key: "createdAt", label: labels.field("createdAt"), children: format.dateTime(customer.createdAt) },
    { key: "updatedAt", label: labels.field("updatedAt"), children: format.dateTime(customer.updatedAt) },
  ];

  return <RecordDescriptions items={items} columns={columns} />;
}

/** Links only to http(s): a stored "javascript:" URL must not become clickable. */
function safeUrl(website: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(website) ? website : `https://${website}`;
  return /^https?:/i.test(withScheme) ? withScheme : "#";
}
