import type { Contact } from "./api";

// Option lists of a contact's fields; `satisfies` checks them against the server's schema.
export const PHONE_LABELS = [
  "mobile",
  "work",
  "home",
  "other",
] as const satisfies readonly Contact["phones"][number]["label"][];
export const EMAIL_LABELS = ["work", "home", "other"] as const satisfies readonly Contact["emails"][number]["label"][];
export const IM_KINDS = [
  "wechat",
  "qq",
  "whatsapp",
  "telegram",
  "skype",
  "line",
  "other",
] as const satisfies readonly Contact["im"][number]["kind"][];
export const BUYING_ROLES = [
  "decision_maker",
  "influencer",
  "champion",
  "user",
  "gatekeeper",
  "other",
] as const satisfies readonly NonNullable<Contact["buyingRole"]>[];

export type PhoneLabel = (typeof PHONE_LABELS)[number];
export type EmailLabel = (typeof EMAIL_LABELS)[number];
export type ImKind = (typeof IM_KINDS)[number];
export type BuyingRole = (typeof BUYING_ROLES)[number];
