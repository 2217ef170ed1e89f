import type { Customer, CustomerListQuery } from "./api";

export { isOneOf } from "../../lib/guards";

// A customer's kind is fixed by the product. Industry, size, level, source, stage and tags are
// the organization's option lists: see features/option-lists (useOptionList).
export const KINDS = ["company", "person"] as const satisfies readonly Customer["kind"][];

export type Kind = (typeof KINDS)[number];

/** The next follow-up filter: overdue, today, the next 7 days, none planned (the API's followUpDue). */
export const FOLLOW_UP_DUE = ["overdue", "today", "week", "none"] as const satisfies readonly NonNullable<
  CustomerListQuery["followUpDue"]
>[];
