import {
  type RecordListFilters,
  type RecordListParams,
  toRecordListQuery,
  useRecordListParams,
} from "../../lib/records/useRecordListParams";
import type { CustomerListQuery } from "./api";
import { FOLLOW_UP_DUE, KINDS } from "./enums";

export const SORTS = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
  // Customers without one come last either way.
  "lastFollowUpAt",
  "-lastFollowUpAt",
  "nextFollowUpAt",
  "-nextFollowUpAt",
] as const satisfies readonly NonNullable<CustomerListQuery["sort"]>[];

export type CustomerSort = (typeof SORTS)[number];

interface CustomerFilterFields {
  kind?: (typeof KINDS)[number];
  // Keys of the organization's option lists; one the list lacks simply matches nothing.
  industry?: string;
  size?: string;
  level?: string;
  source?: string;
  lifecycleStage?: string;
  ownerId?: string;
  tag?: string;
  followUpDue?: (typeof FOLLOW_UP_DUE)[number];
}

export type CustomerFilters = RecordListFilters<CustomerSort, CustomerFilterFields>;
export type FilterKey = keyof CustomerFilterFields;
export type CustomerListParams = RecordListParams<CustomerSort, CustomerFilterFields>;

/** The customer list's search, filters, sort and trash switch, kept in the URL. */
export function useCustomerListParams(): CustomerListParams {
  return useRecordListParams(
    SORTS,
    (read): CustomerFilterFields => ({
      kind: read.oneOf("kind", KINDS),
      industry: read.text("industry"),
      size: read.text("size"),
      level: read.text("level"),
      source: read.text("source"),
      lifecycleStage: read.text("lifecycleStage"),
      ownerId: read.text("ownerId"),
      tag: read.text("tag"),
      followUpDue: read.oneOf("followUpDue", FOLLOW_UP_DUE),
    }),
  );
}

/** The API query for the given filters and page cursor. */
export function toListQuery(filters: CustomerFilters, cursor: string | undefined, limit: number): CustomerListQuery {
  return toRecordListQuery(filters, cursor, limit);
}
