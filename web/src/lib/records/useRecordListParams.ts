import { useSearchParams } from "react-router";
import { isOneOf } from "../guards";
import { withoutPage } from "../listPaging";

/** Reads one URL parameter: trimmed text, or one of a fixed list of values. */
export interface ListParamReader {
  text: (name: string) => string | undefined;
  oneOf: <T extends string>(name: string, values: readonly T[]) => T | undefined;
}

/** What every record list keeps in its URL besides its own filters. */
export interface RecordListBase<Sort extends string> {
  q?: string;
  sort?: Sort;
  trash: boolean;
}

export type RecordListFilters<Sort extends string, Extra> = RecordListBase<Sort> & Extra;

export type RecordListChanges<F> = Partial<Record<keyof F, string | boolean | undefined>>;

/**
 * A record list's search, filters, sort and trash switch, kept in the URL
 * (`?q=&kind=&sort=-updatedAt&trash=1`), so a filtered list can be bookmarked or shared and
 * "back" from a record page returns to the same list. `readFilters` reads the list's own
 * filters; they are what `clearFilters` clears (with the search) and `activeFilterCount` counts.
 */
export function useRecordListParams<Sort extends string, Extra extends object>(
  sorts: readonly Sort[],
  readFilters: (read: ListParamReader) => Extra,
) {
  const [params, setParams] = useSearchParams();
  const read: ListParamReader = {
    text: (name) => params.get(name)?.trim() || undefined,
    oneOf: (name, values) => {
      const value = params.get(name)?.trim();
      return isOneOf(values, value) ? value : undefined;
    },
  };
  const extra = readFilters(read);
  const filters: RecordListFilters<Sort, Extra> = {
    q: read.text("q"),
    ...extra,
    sort: read.oneOf("sort", sorts),
    trash: params.get("trash") === "1",
  };

  const write = (changes: [string, string | boolean | undefined][]) => {
    setParams(
      (previous) => {
        // Other filters or sort: the list starts again at its first page.
        const next = withoutPage(previous);
        for (const [name, value] of changes) {
          if (value === undefined || value === "" || value === false) next.delete(name);
          else next.set(name, value === true ? "1" : value);
        }
        return next;
      },
      { replace: true },
    );
  };
  const update = (changes: RecordListChanges<RecordListFilters<Sort, Extra>>) =>
    write(Object.entries<string | boolean | undefined>(changes));
  const clearFilters = () => write([...Object.keys(extra), "q"].map((name) => [name, undefined]));
  const activeFilterCount = Object.values(extra).filter((value) => value !== undefined).length;

  return { filters, update, clearFilters, activeFilterCount };
}

export type RecordListParams<Sort extends string, Extra extends object> = ReturnType<
  typeof useRecordListParams<Sort, Extra>
>;

/** The API query for a list's filters and page cursor: the trash is `deleted=true`. */
export function toRecordListQuery<F extends { trash: boolean }>(filters: F, cursor: string | undefined, limit: number) {
  const { trash, ...rest } = filters;
  // Undefined members are fine: neither the query key hash nor the URL keeps them.
  return { ...rest, limit, cursor, ...(trash ? { deleted: "true" as const } : {}) };
}
