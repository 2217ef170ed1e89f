import type { TableColumnsType } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCustomFieldColumns } from "../../components/custom-fields/useCustomFieldColumns";
import { isOneOf } from "../../lib/guards";
import { isStringArray, readStored, writeStored } from "../../lib/storage";
import { useFormat } from "../../lib/useFormat";
import { NextFollowUp } from "../follow-ups/FollowUpSummary";
import { OptionTag } from "../option-lists/OptionTag";
import type { Customer } from "./api";
import { useCustomerLabels } from "./labels";
import type { CustomerSort } from "./useCustomerListParams";

export const COLUMN_KEYS = [
  "name",
  "kind",
  "lifecycleStage",
  "level",
  "industry",
  "size",
  "source",
  "ownerName",
  "tags",
  "phone",
  "email",
  "city",
  "createdAt",
  "updatedAt",
  "lastFollowUpAt",
  "nextFollowUpAt",
] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];

const DEFAULT_VISIBLE: ColumnKey[] = [
  "name",
  "kind",
  "lifecycleStage",
  "level",
  "industry",
  "ownerName",
  "tags",
  "nextFollowUpAt",
  "updatedAt",
];
const STORAGE_KEY = "rapport.customers.columns";

/** Which columns the user chose to see, remembered in this browser. */
export function useVisibleColumns() {
  const [visible, setVisible] = useState<string[]>(() => readStored(STORAGE_KEY, isStringArray) ?? DEFAULT_VISIBLE);
  const change = (next: string[]) => {
    setVisible(next);
    writeStored(STORAGE_KEY, next);
  };
  return { visible, change, reset: () => change(DEFAULT_VISIBLE) };
}

/** A lifecycle stage as a tag in its list's colour. */
export function stageTag(stage: string) {
  return <OptionTag listKey="customer.lifecycleStage" value={stage} />;
}

/** The columns a user may choose: the built-in ones, then one `custom.<fieldKey>` per custom field. */
export function useColumnKeys(): string[] {
  return [...COLUMN_KEYS, ...useCustomFieldColumns<Customer>("customer").keys];
}

/** Column headings, also used by the column chooser. */
export function useColumnLabel() {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const custom = useCustomFieldColumns<Customer>("customer");
  return (key: string): string => {
    if (!isOneOf(COLUMN_KEYS, key)) return custom.label(key);
    if (key === "ownerName") return t("customers.fields.ownerId");
    if (key === "city") return t("customers.address.city");
    if (key === "lastFollowUpAt") return t("followUps.lastFollowUp");
    if (key === "nextFollowUpAt") return t("followUps.nextFollowUp");
    return labels.field(key);
  };
}

export function useCustomerColumns({
  sort,
  visible,
  trash,
  renderActions,
}: {
  sort: CustomerSort | undefined;
  visible: string[];
  trash: boolean;
  renderActions: (customer: Customer) => ReactNode;
}): TableColumnsType<Customer> {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const label = useColumnLabel();
  const format = useFormat();
  const order = (key: "name" | "createdAt" | "updatedAt" | "lastFollowUpAt" | "nextFollowUpAt") =>
    sort === key ? "ascend" : sort === `-${key}` ? "descend" : null;
  const none = "—";

  const all: Record<ColumnKey, TableColumnsType<Customer>[number]> = {
    name: {
      title: label("name"),
      dataIndex: "name",
      sorter: true,
      sortOrder: order("name"),
      fixed: "left",
      width: 200,
      render: (name: string, customer) =>
        trash ? (
          name
        ) : (
          <Link to={`/customers/${customer.id}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
        ),
    },
    kind: { title: label("kind"), dataIndex: "kind", render: (_, c) => labels.kind(c.kind) },
    lifecycleStage: {
      title: label("lifecycleStage"),
      dataIndex: "lifecycleStage",
      render: (_, c) => stageTag(c.lifecycleStage),
    },
    level: { title: label("level"), dataIndex: "level", render: (_, c) => (c.level ? labels.level(c.level) : none) },
    industry: {
      title: label("industry"),
      dataIndex: "industry",
      render: (_, c) => (c.industry ? labels.industry(c.industry) : none),
    },
    size: { title: label("size"), dataIndex: "size", render: (_, c) => (c.size ? labels.size(c.size) : none) },
    source: {
      title: label("source"),
      dataIndex: "source",
      render: (_, c) => (c.source ? labels.source(c.source) : none),
    },
    ownerName: { title: label("ownerName"), dataIndex: "ownerName", render: (_, c) => c.ownerName ?? none },
    tags: {
      title: label("tags"),
      dataIndex: "tags",
      render: (_, c) =>
        c.tags.length ? c.tags.map((tag) => <OptionTag key={tag} listKey="customer.tags" value={tag} />) : none,
    },
    phone: { title: label("phone"), dataIndex: "phone", render: (_, c) => c.phone ?? none },
    email: { title: label("email"), dataIndex: "email", render: (_, c) => c.email ?? none },
    city: { title: label("city"), key: "city", render: (_, c) => c.address?.city ?? none },
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
    lastFollowUpAt: {
      title: label("lastFollowUpAt"),
      key: "lastFollowUpAt",
      sorter: true,
      sortOrder: order("lastFollowUpAt"),
      render: (_, c) => format.dateTime(c.lastFollowUpAt),
    },
    nextFollowUpAt: {
      title: label("nextFollowUpAt"),
      key: "nextFollowUpAt",
      sorter: true,
      sortOrder: order("nextFollowUpAt"),
      render: (_, c) => <NextFollowUp at={c.nextFollowUpAt} />,
    },
  };

  // Sorting and column choice do not apply to the trash; it shows what is needed to restore.
  const custom = useCustomFieldColumns<Customer>("customer");
  const keys: string[] = trash
    ? ["name", "kind", "ownerName"]
    : // In the order the user (or the open view) chose; keys of columns that no longer exist are skipped.
      ["name", ...visible.filter((key) => key !== "name")].filter(
        (key) => isOneOf(COLUMN_KEYS, key) || key in custom.columns,
      );
  const columns: TableColumnsType<Customer> = keys.map((key) => ({
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
