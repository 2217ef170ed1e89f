import type { Customer } from "./api";

export { isOneOf } from "../../lib/guards";

// The option lists of the customer's classification fields. `satisfies`
// checks each value against the server's schema, and the typed translation
// keys check that every value the server knows has a label.
export const KINDS = ["company", "person"] as const satisfies readonly Customer["kind"][];

export const INDUSTRIES = [
  "technology",
  "manufacturing",
  "retail",
  "finance",
  "healthcare",
  "education",
  "real_estate",
  "professional_services",
  "logistics",
  "energy",
  "media",
  "government",
  "other",
] as const satisfies readonly NonNullable<Customer["industry"]>[];

export const SIZES = ["1-10", "11-50", "51-200", "201-1000", "1001+"] as const satisfies readonly NonNullable<
  Customer["size"]
>[];

export const LEVELS = ["A", "B", "C", "D"] as const satisfies readonly NonNullable<Customer["level"]>[];

export const SOURCES = [
  "website",
  "referral",
  "event",
  "advertising",
  "cold_call",
  "partner",
  "social_media",
  "other",
] as const satisfies readonly NonNullable<Customer["source"]>[];

export const STAGES = [
  "lead",
  "prospect",
  "customer",
  "churned",
] as const satisfies readonly Customer["lifecycleStage"][];

export type Kind = (typeof KINDS)[number];
export type Industry = (typeof INDUSTRIES)[number];
export type Size = (typeof SIZES)[number];
export type Level = (typeof LEVELS)[number];
export type Source = (typeof SOURCES)[number];
export type Stage = (typeof STAGES)[number];
