import { useSearchParams } from "react-router";
import { type CustomObjectType, useCustomFields } from "../../features/custom-fields/api";
import { withoutPage } from "../../lib/listPaging";

const isCustomParam = (name: string) => name.startsWith("custom.");

/**
 * A list's custom field filters and sort, kept in the URL beside its built-in ones: parameters
 * `custom.<key>` and `custom.<key>[op]` go to the API as they are (see the list's `sort` docs), and
 * `sort=custom.<key>` (or `-custom.<key>`) sorts by a field. Only the object's active fields count.
 */
export function useCustomListParams(objectType: CustomObjectType) {
  const [params, setParams] = useSearchParams();
  const fields = useCustomFields(objectType).data ?? [];
  const known = new Set(fields.map((f) => f.key));
  const keyOf = (name: string) => /^-?custom\.([a-z][a-z0-9_]*)/.exec(name)?.[1] ?? "";
  const filters: Record<string, string> = {};
  for (const [name, value] of params) if (isCustomParam(name) && known.has(keyOf(name)) && value) filters[name] = value;
  const rawSort = params.get("sort") ?? "";
  const sort = known.has(keyOf(rawSort)) ? rawSort : undefined;
  const sorts = fields.filter((f) => f.type !== "multiChoice").flatMap((f) => [`custom.${f.key}`, `-custom.${f.key}`]);

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (previous) => {
        // Other filters or sort: the list starts again at its first page.
        const next = withoutPage(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  const clear = () => set(Object.fromEntries(Object.keys(filters).map((name) => [name, undefined])));

  return {
    filters,
    /** What the API query adds: the filters, and the sort when it is a custom field's. */
    query: { ...filters, ...(sort ? { sort } : {}) },
    sort,
    /** Sort values for the table's column headers. */
    sorts,
    count: Object.keys(filters).length,
    set,
    clear,
  };
}

export type CustomListParams = ReturnType<typeof useCustomListParams>;
