import { type TableColumnsType, Tag } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCustomFieldColumns } from "../../components/custom-fields/useCustomFieldColumns";
import { isOneOf } from "../../lib/guards";
import { isStringArray, readStored, writeStored } from "../../lib/storage";
import { useFormat } from "../../lib/useFormat";
import type { Contact } from "./api";
import { formatBirthday, useContactLabels } from "./labels";
import type { ContactSort } from "./useContactListParams";

export const COLUMN_KEYS = [
  "name",
  "customerName",
  "title",
  "department",
  "phones",
  "emails",
  "im",
  "buyingRole",
  "birthday",
  "ownerName",
  "createdAt",
  "updatedAt",
] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];

const DEFAULT_VISIBLE: ColumnKey[] = ["name", "customerName", "title", "phones", "emails", "buyingRole", "updatedAt"];
const STORAGE_KEY = "rapport.contacts.columns";

/** Which columns the user chose to see, remembered in this browser. */
export function useVisibleColumns() {
  const [visible, setVisible] = useState<string[]>(() => readStored(STORAGE_KEY, isStringArray) ?? DEFAULT_VISIBLE);
  const change = (next: string[]) => {
    setVisible(next);
    writeStored(STORAGE_KEY, next);
  };
  return { visible, change, reset: () => change(DEFAULT_VISIBLE) };
}

/** The columns a user may choose: the built-in ones, then one `custom.<fieldKey>` per custom field. */
export function useColumnKeys(): string[] {
  return [...COLUMN_KEYS, ...useCustomFieldColumns<Contact>("contact").keys];
}

export function useColumnLabel() {
  const labels = useContactLabels();
  const custom = useCustomFieldColumns<Contact>("contact");
  return (key: string): string => {
    if (!isOneOf(COLUMN_KEYS, key)) return custom.label(key);
    if (key === "customerName") return labels.field("customerId");
    if (key === "ownerName") return labels.field("ownerId");
    return labels.field(key);
  };
}

export function useContactColumns({
  sort,
  visible,
  trash,
  renderActions,
}: {
  sort: ContactSort | undefined;
  visible: string[];
  trash: boolean;
  renderActions: (contact: Contact) => ReactNode;
}): TableColumnsType<Contact> {
  const { t, i18n } = useTranslation();
  const labels = useContactLabels();
  const label = useColumnLabel();
  const format = useFormat();
  const order = (key: "name" | "createdAt" | "updatedAt") =>
    sort === key ? "ascend" : sort === `-${key}` ? "descend" : null;
  const none = "—";
  const all: Record<ColumnKey, TableColumnsType<Contact>[number]> = {
    name: {
      title: label("name"),
      dataIndex: "name",
      sorter: true,
      sortOrder: order("name"),
      fixed: "left",
      width: 180,
      render: (name: string, contact) => (
        <>
          {trash ? (
            name
          ) : (
            <Link to={`/contacts/${contact.id}`} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
          )}
          {contact.isPrimary && (
            <Tag color="gold" style={{ marginInlineStart: 6 }}>
              {t("contacts.primary")}
            </Tag>
          )}
        </>
      ),
    },
    customerName: {
      title: label("customerName"),
      dataIndex: "customerName",
      render: (_, c) =>
        c.customerId && c.customerName ? (
          <Link to={`/customers/${c.customerId}`} onClick={(e) => e.stopPropagation()}>
            {c.customerName}
          </Link>
        ) : (
          none
        ),
    },
    title: { title: label("title"), dataIndex: "title", render: (_, c) => c.title ?? none },
    department: { title: label("department"), dataIndex: "department", render: (_, c) => c.department ?? none },
    phones: {
      title: label("phones"),
      key: "phones",
      render: (_, c) => c.phones.map((p) => p.number).join(", ") || none,
    },
    emails: {
      title: label("emails"),
      key: "emails",
      render: (_, c) => c.emails.map((e) => e.address).join(", ") || none,
    },
    im: { title: label("im"), key: "im", render: (_, c) => labels.im(c.im) || none },
    buyingRole: {
      title: label("buyingRole"),
      dataIndex: "buyingRole",
      render: (_, c) => (c.buyingRole ? labels.buyingRole(c.buyingRole) : none),
    },
    birthday: {
      title: label("birthday"),
      dataIndex: "birthday",
      render: (_, c) => formatBirthday(c.birthday, i18n.resolvedLanguage ?? "en") ?? none,
    },
    ownerName: { title: label("ownerName"), dataIndex: "ownerName", render: (_, c) => c.ownerName ?? none },
    createdAt: {
      title: label("createdAt"),
      dataIndex: "createdAt",
      sorter: true,
      sortOrder: order("createdAt"),
      render: (_, c) => format.dateTime(c.createdAt),
    },
    updatedAt: {
      title: label("updatedAt"),
      dataIndex: "updatedAt",
      sorter: true,
      sortOrder: order("updatedAt"),
      render: (_, c) => format.dateTime(c.updatedAt),
    },
  };
  const custom = useCustomFieldColumns<Contact>("contact");
  const keys: string[] = trash
    ? ["name", "customerName", "ownerName"]
    : // In the order the user (or the open view) chose; keys of columns that no longer exist are skipped.
      ["name", ...visible.filter((key) => key !== "name")].filter(
        (key) => isOneOf(COLUMN_KEYS, key) || key in custom.columns,
      );
  const columns: TableColumnsType<Contact> = keys.map((key) => ({
    key,
    ...(isOneOf(COLUMN_KEYS, key) ? all[key] : custom.columns[key]),
    ...(trash ? { sorter: false, sortOrder: null } : {}),
  }));
  if (trash) {
    columns.push({
      key: "deletedAt",
      title: labels.field("deletedAt"),
      render: (_, c) => format.dateTime(c.deletedAt),
    });
    columns.push({ key: "actions", title: t("common.actions"), render: (_, c) => renderActions(c) });
  }
  return columns;
}
