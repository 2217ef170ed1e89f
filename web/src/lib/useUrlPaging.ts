import { useLocation, useSearchParams } from "react-router";
import { type ListPage, linkTo, nextPage, previousPage, readPage } from "./listPaging";
import type { CursorPaging } from "./useCursorStack";

/**
 * A list page's keyset paging kept in the URL (see listPaging.ts): each move is a history entry, so
 * the browser's back goes to the page before. Filters, search and sort written to the URL drop the
 * page (useRecordListParams, useCustomListParams), so a change of them starts at the first page.
 */
export function useUrlPaging(): CursorPaging {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const current = readPage(params, location.state);
  const go = (target: ListPage) => {
    const { search, state } = linkTo(params, target);
    setParams(search, { state });
  };
  return {
    cursor: current.cursor,
    page: current.page,
    hasPrevious: current.page > 1,
    next: (cursor) => go(nextPage(current, cursor)),
    previous: () => go(previousPage(current)),
    first: () => go({ cursor: undefined, page: 1, earlier: [] }),
  };
}
