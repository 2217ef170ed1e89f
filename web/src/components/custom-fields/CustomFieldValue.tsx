import { Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useUsers } from "../../features/admin/api";
import type { CustomField } from "../../features/custom-fields/api";
import { useFormat } from "../../lib/useFormat";
import { optionLabel, useLocalized } from "./labels";

/** Links only to http(s): a stored "javascript:" URL must not become clickable. */
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");

function UserName({ id }: { id: string }) {
  const users = useUsers();
  return <>{users.data?.find((u) => u.id === id)?.name ?? id}</>;
}

/** One stored value, shown as its type reads best: options as tags, links clickable, dates formatted. */
export function CustomFieldValue({ field, value }: { field: CustomField; value: unknown }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const localized = useLocalized();
  if (value === undefined || value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  switch (field.type) {
    case "number":
      return format.number(value as number);
    case "money":
      return field.currency
        ? format.money({ amount: String(value), currency: field.currency })
        : format.number(String(value));
    case "date":
      return format.day(value as string);
    case "dateTime":
      return format.dateTime(value as string);
    case "checkbox":
      return value ? t("customFields.yes") : t("customFields.no");
    case "singleChoice":
      return <Tag>{optionLabel(field, value as string, localized)}</Tag>;
    case "multiChoice":
      return (value as string[]).map((key) => <Tag key={key}>{optionLabel(field, key, localized)}</Tag>);
    case "user":
      return <UserName id={value as string} />;
    case "url":
      return (
        <a href={safeHref(value as string)} target="_blank" rel="noopener noreferrer">
          {value as string}
        </a>
      );
    case "email":
      return <a href={`mailto:${value as string}`}>{value as string}</a>;
    case "phone":
      return <a href={`tel:${value as string}`}>{value as string}</a>;
    case "longText":
      return (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{value as string}</Typography.Paragraph>
      );
    default:
      return String(value);
  }
}
