import { useSearchParams } from "react-router";
import { isOneOf } from "../../lib/guards";
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

export interface ContactFilters {
  q?: string;
  customerId?: string;
  buyingRole?: BuyingRole;
  isPrimary?: "true" | "false";
  sort?: ContactSort;
  trash: boolean;
}

const FILTER_KEYS = ["customerId", "buyingRole", "isPrimary"] as const;

/** The list's filters live in the URL, so a filtered list can be shared and "back" returns to it. */
export function useContactListParams() {
  const [params, setParams] = useSearchParams();
  const value = (name: string) => params.get(name)?.trim() || undefined;
  const buyingRole = value("buyingRole");
  const isPrimary = value("isPrimary");
  const sort = value("sort");
  const filters: ContactFilters = {
    q: value("q"),
    customerId: value("customerId"),
    buyingRole: isOneOf(BUYING_ROLES, buyingRole) ? buyingRole : undefined,
    isPrimary: isOneOf(["true", "false"] as const, isPrimary) ? isPrimary : undefined,
    sort: isOneOf(SORTS, sort) ? sort : undefined,
    trash: params.get("trash") === "1",
  };

  const update = (changes: Partial<Record<keyof ContactFilters, string | boolean | undefined>>) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, change] of Object.entries(changes)) {
          if (change === undefined || change === "" || change === false) next.delete(name);
          else next.set(name, change === true ? "1" : change);
        }
        return next;
      },
      { replace: true },
    );
  };

  const clearFilters = () =>
    update({ customerId: undefined, buyingRole: undefined, isPrimary: undefined, q: undefined });
  const activeFilterCount = FILTER_KEYS.filter((key) => filters[key] !== undefined).length;
  return { filters, update, clearFilters, activeFilterCount };
}

/** The API query for the given filters and page cursor. */
export function toListQuery(filters: ContactFilters, cursor: string | undefined, limit: number): ContactListQuery {
  const { trash, ...rest } = filters;
  return { ...rest, limit, cursor, ...(trash ? { deleted: "true" } : {}) };
}
