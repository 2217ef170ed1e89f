import {
  type RecordListFilters,
  type RecordListParams,
  toRecordListQuery,
  useRecordListParams,
} from "../../lib/records/useRecordListParams";
import type { ContactListQuery } from "./api";
import { BUYING_ROLES, type BuyingRole } from "./enums";

export const SORTS = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
] as const satisfies readonly NonNullable<ContactListQuery["sort"]>[];
export type ContactSort = (typeof SORTS)[number];

interface ContactFilterFields {
  customerId?: string;
  buyingRole?: BuyingRole;
  isPrimary?: "true" | "false";
}

export type ContactFilters = RecordListFilters<ContactSort, ContactFilterFields>;
export type ContactListParams = RecordListParams<ContactSort, ContactFilterFields>;

/** The contact list's search, filters, sort and trash switch, kept in the URL. */
export function useContactListParams(): ContactListParams {
  return useRecordListParams(
    SORTS,
    (read): ContactFilterFields => ({
      customerId: read.text("customerId"),
      buyingRole: read.oneOf("buyingRole", BUYING_ROLES),
      isPrimary: read.oneOf("isPrimary", ["true", "false"] as const),
    }),
  );
}

/** The API query for the given filters and page cursor. */
export function toListQuery(filters: ContactFilters, cursor: string | undefined, limit: number): ContactListQuery {
  return toRecordListQuery(filters, cursor, limit);
}
