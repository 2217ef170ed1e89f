import { useTranslation } from "react-i18next";
import { useCustomHistoryLabels } from "../../components/custom-fields/useCustomHistoryLabels";
import { memberLabel } from "../sharing/memberLabel";
import type { Contact } from "./api";
import { BUYING_ROLES, EMAIL_LABELS, IM_KINDS, PHONE_LABELS } from "./enums";

type FieldKey =
  | Exclude<keyof Contact, "id" | "version" | "customerName" | "ownerName" | "custom" | "access">
  | "phoneLabel"
  | "phoneNumber"
  | "emailLabel"
  | "emailAddress"
  | "imKind"
  | "imHandle"
  | "importBatch"
  | "importRow"
  | "mergedFrom"
  | "mergedInto"
  | "sharedWith";
const FIELD_KEYS = new Set<string>([
  "name",
  "customerId",
  "title",
  "department",
  "phones",
  "emails",
  "im",
  "birthday",
  "buyingRole",
  "isPrimary",
  "ownerId",
  "departmentId",
  "notes",
  "createdAt",
  "updatedAt",
  "deletedAt",
  "phoneLabel",
  "phoneNumber",
  "emailLabel",
  "emailAddress",
  "imKind",
  "imHandle",
  "importBatch",
  "importRow",
  "mergedFrom",
  "mergedInto",
  "sharedWith",
] satisfies FieldKey[]);
const isFieldKey = (key: string): key is FieldKey => FIELD_KEYS.has(key);

/** A birthday is a calendar day: shown as written, never moved by a time zone. */
export function formatBirthday(value: string | null, locale: string): string | null {
  if (!value) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

/** Translated labels of a contact's fields and option values. */
export function useContactLabels() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "en";
  const phones = (list: Contact["phones"]) =>
    list.map((p) => `${t(`contacts.phoneLabel.${p.label}`)}: ${p.number}`).join(", ");
  const emails = (list: Contact["emails"]) =>
    list.map((e) => `${t(`contacts.emailLabel.${e.label}`)}: ${e.address}`).join(", ");
  const im = (list: Contact["im"]) => list.map((i) => `${t(`contacts.imKind.${i.kind}`)}: ${i.handle}`).join(", ");
  const custom = useCustomHistoryLabels("contact");
  return {
    field: (key: string) => custom.field(key) ?? (isFieldKey(key) ? t(`contacts.fields.${key}`) : key),
    buyingRole: (role: NonNullable<Contact["buyingRole"]>) => t(`contacts.buyingRole.${role}`),
    phones,
    emails,
    im,
    options: {
      phoneLabel: PHONE_LABELS.map((value) => ({ value, label: t(`contacts.phoneLabel.${value}`) })),
      emailLabel: EMAIL_LABELS.map((value) => ({ value, label: t(`contacts.emailLabel.${value}`) })),
      imKind: IM_KINDS.map((value) => ({ value, label: t(`contacts.imKind.${value}`) })),
      buyingRole: BUYING_ROLES.map((value) => ({ value, label: t(`contacts.buyingRole.${value}`) })),
    },
    /** A value from the audit log, readable; ids of people and customers are resolved by the caller. */
    value: (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === "") return "—";
      const customValue = custom.value(field, value);
      if (customValue !== undefined) return customValue;
      if (field === "isPrimary") return value ? t("contacts.yes") : t("contacts.no");
      if (field === "sharedWith" && typeof value === "string") return memberLabel(t, value);
      if (field === "birthday" && typeof value === "string") return formatBirthday(value, locale) ?? "—";
      if (field === "buyingRole" && typeof value === "string" && (BUYING_ROLES as readonly string[]).includes(value)) {
        return t(`contacts.buyingRole.${value as NonNullable<Contact["buyingRole"]>}`);
      }
      if (Array.isArray(value)) {
        if (value.length === 0) return "—";
        if (field === "phones") return phones(value as Contact["phones"]);
        if (field === "emails") return emails(value as Contact["emails"]);
        if (field === "im") return im(value as Contact["im"]);
        if (value.every((v) => typeof v === "string")) return value.join(", ");
      }
      return typeof value === "string" ? value : JSON.stringify(value);
    },
  };
}
