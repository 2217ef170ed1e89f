import {
  type RecordListFilters,
  type RecordListParams,
  toRecordListQuery,
  useRecordListParams,
} from "../../lib/records/useRecordListParams";
import type { CustomerListQuery } from "./api";
import { INDUSTRIES, KINDS, LEVELS, SIZES, SOURCES, STAGES } from "./enums";

export const SORTS = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
] as const satisfies readonly NonNullable<CustomerListQuery["sort"]>[];

export type CustomerSort = (typeof SORTS)[number];

interface CustomerFilterFields {
  kind?: (typeof KINDS)[number];
  industry?: (typeof INDUSTRIES)[number];
  size?: (typeof SIZES)[number];
  level?: (typeof LEVELS)[number];
  source?: (typeof SOURCES)[number];
  lifecycleStage?: (typeof STAGES)[number];
  ownerId?: string;
  tag?: string;
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
      industry: read.oneOf("industry", INDUSTRIES),
      size: read.oneOf("size", SIZES),
      level: read.oneOf("level", LEVELS),
      source: read.oneOf("source", SOURCES),
      lifecycleStage: read.oneOf("lifecycleStage", STAGES),
      ownerId: read.text("ownerId"),
      tag: read.text("tag"),
    }),
  );
}

/** The API query for the given filters and page cursor. */
export function toListQuery(filters: CustomerFilters, cursor: string | undefined, limit: number): CustomerListQuery {
  return toRecordListQuery(filters, cursor, limit);
}
