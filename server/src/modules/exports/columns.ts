import type { CustomFieldDefinition } from "../../platform/custom-fields/index.ts";
import { type Locale, locales } from "../../platform/i18n/locale.ts";
import type { ContactRow } from "../contacts/service.ts";
import type { CustomerRow } from "../customers/service.ts";

/** Exports speak the platform's languages. */
export const exportLanguages = locales;
export type ExportLanguage = Locale;

/** An exported column: its header in each language and how a row gives its value. */
export type ExportColumn<Row> = {
  key: string;
  en: string;
  zh: string;
  /** Option-list fields: the value is a key, exported as its label in the header's language. */
  optionList?: string;
  /** Fixed values and their labels: [en, zh]. */
  labels?: Record<string, [string, string]>;
  /** What an XLSX cell holds (text when absent); a CSV writes every type as text. */
  type?: CellType;
  value: (row: Row) => unknown;
};

/** The cell types an XLSX export writes other than text. */
export type CellType = "number" | "money" | "date" | "dateTime";
const cellTypes: Record<string, CellType> = { number: "number", money: "money", date: "date", dateTime: "dateTime" };

// Headers and labels as the customer and contact pages name them, so a file reads like the app.
const kindLabels: Record<string, [string, string]> = { company: ["Company", "企业"], person: ["Person", "个人"] };
const buyingRoleLabels: Record<string, [string, string]> = {
  decision_maker: ["Decision maker", "决策者"],
  influencer: ["Influencer", "影响者"],
  champion: ["Champion", "支持者"],
  user: ["User", "使用者"],
  gatekeeper: ["Gatekeeper", "把关者"],
  other: ["Other", "其他"],
};

const address = (row: CustomerRow) =>
  row.address
    ? [row.address.country, row.address.region, row.address.city, row.address.street, row.address.postalCode]
        .filter(Boolean)
        .join(" ")
    : null;

export const customerColumns: ExportColumn<CustomerRow>[] = [
  { key: "name", en: "Name", zh: "客户名称", value: (r) => r.name },
  { key: "kind", en: "Customer type", zh: "类型", value: (r) => r.kind, labels: kindLabels },
  { key: "industry", en: "Industry", zh: "行业", optionList: "customer.industry", value: (r) => r.industry },
  { key: "size", en: "Company size", zh: "企业规模", optionList: "customer.size", value: (r) => r.size },
  { key: "level", en: "Level", zh: "客户级别", optionList: "customer.level", value: (r) => r.level },
  { key: "source", en: "Source", zh: "客户来源", optionList: "customer.source", value: (r) => r.source },
  {
    key: "lifecycleStage",
    en: "Lifecycle stage",
    zh: "生命周期阶段",
    optionList: "customer.lifecycleStage",
    value: (r) => r.lifecycleStage,
  },
  { key: "tags", en: "Tags", zh: "标签", optionList: "customer.tags", value: (r) => r.tags },
  { key: "phone", en: "Phone", zh: "电话", value: (r) => r.phone },
  { key: "email", en: "Email", zh: "邮箱", value: (r) => r.email },
  { key: "website", en: "Website", zh: "网址", value: (r) => r.website },
  { key: "city", en: "City", zh: "城市", value: (r) => r.address?.city },
  { key: "address", en: "Address", zh: "地址", value: address },
  { key: "ownerName", en: "Owner", zh: "负责人", value: (r) => r.ownerName },
  { key: "notes", en: "Notes", zh: "备注", value: (r) => r.notes },
  { key: "lastFollowUpAt", en: "Last follow-up", zh: "最近跟进", type: "dateTime", value: (r) => r.lastFollowUpAt },
  { key: "nextFollowUpAt", en: "Next follow-up", zh: "下次跟进", type: "dateTime", value: (r) => r.nextFollowUpAt },
  { key: "createdAt", en: "Created", zh: "创建时间", type: "dateTime", value: (r) => r.createdAt },
  { key: "updatedAt", en: "Updated", zh: "更新时间", type: "dateTime", value: (r) => r.updatedAt },
  { key: "id", en: "ID", zh: "ID", value: (r) => r.id },
];

export const contactColumns: ExportColumn<ContactRow>[] = [
  { key: "name", en: "Name", zh: "姓名", value: (r) => r.name },
  { key: "customerName", en: "Customer", zh: "客户", value: (r) => r.customerName },
  { key: "title", en: "Title", zh: "职位", value: (r) => r.title },
  { key: "department", en: "Department", zh: "部门", value: (r) => r.department },
  { key: "phones", en: "Phones", zh: "电话", value: (r) => r.phones.map((p) => p.number) },
  { key: "emails", en: "Emails", zh: "邮箱", value: (r) => r.emails.map((e) => e.address) },
  { key: "im", en: "IM", zh: "即时通讯", value: (r) => r.im.map((i) => `${i.kind}: ${i.handle}`) },
  { key: "birthday", en: "Birthday", zh: "生日", type: "date", value: (r) => r.birthday },
  { key: "buyingRole", en: "Buying role", zh: "采购角色", value: (r) => r.buyingRole, labels: buyingRoleLabels },
  { key: "isPrimary", en: "Primary", zh: "主要联系人", value: (r) => r.isPrimary },
  { key: "ownerName", en: "Owner", zh: "负责人", value: (r) => r.ownerName },
  { key: "notes", en: "Notes", zh: "备注", value: (r) => r.notes },
  { key: "createdAt", en: "Created", zh: "创建时间", type: "dateTime", value: (r) => r.createdAt },
  { key: "updatedAt", en: "Updated", zh: "更新时间", type: "dateTime", value: (r) => r.updatedAt },
  { key: "id", en: "ID", zh: "ID", value: (r) => r.id },
];

/** The headers (both languages) of an object's own columns: a custom field may not take one of them. */
export function builtInHeaders(objectType: string): string[] {
  const columns: ExportColumn<never>[] =
    objectType === "customer" ? customerColumns : objectType === "contact" ? contactColumns : [];
  return columns.flatMap((c) => [c.en, c.zh]);
}

/** A money field's header names its currency ("Contract value (USD)"): amounts alone don't say it. */
const headerOf = (field: CustomFieldDefinition, label: string) =>
  field.type === "money" && field.currency ? `${label} (${field.currency})` : label;

/**
 * A column per custom field (`custom.<key>`), headed by its label; choices exported as their labels,
 * users (`userNames`: id → name) by their names, like the owner.
 */
export function customColumns<Row>(
  fields: CustomFieldDefinition[],
  userNames: Map<string, string>,
): ExportColumn<Row>[] {
  const users = Object.fromEntries([...userNames].map(([id, name]) => [id, [name, name] as [string, string]]));
  return fields.map((f) => ({
    key: `custom.${f.key}`,
    en: headerOf(f, f.label.en),
    zh: headerOf(f, f.label["zh-CN"]),
    labels:
      f.type === "user"
        ? users
        : Object.fromEntries(f.options.map((o) => [o.key, [o.label.en, o.label["zh-CN"]] as [string, string]])),
    type: cellTypes[f.type],
    value: (row: Row) => (row as { custom?: Record<string, unknown> }).custom?.[f.key],
  }));
}

/** The columns asked for, in the order asked; all of them when none are named. Unknown keys are refused by the caller. */
export function pickColumns<Row>(all: ExportColumn<Row>[], keys: string[] | undefined): ExportColumn<Row>[] {
  if (!keys || keys.length === 0) return all;
  return keys.map((k) => all.find((c) => c.key === k)).filter((c): c is ExportColumn<Row> => Boolean(c));
}
