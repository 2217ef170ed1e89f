/**
 * A keyset-paged list's page, kept in the URL (`?page=3&cursor=…`) so a reload, a back from a
 * record's page or a copied link opens the same page. "Previous" needs the cursors of the pages
 * before, which are long and make no sense in a link: they ride in the history entry's state, and a
 * page opened from a bare link goes back to the first page.
 */

export const PAGE_PARAM = "page";
export const CURSOR_PARAM = "cursor";

/** What a history entry keeps of the list's paging: the cursors of pages 2 … n-1, for the page at `cursor`. */
export interface PagingState {
  listPaging: { cursor: string; earlier: string[] };
}

/** One page of the list: the cursor it starts after (none for the first), its number and the cursors before. */
export interface ListPage {
  cursor: string | undefined;
  page: number;
  earlier: string[];
}

/** Where to go: the URL's new search and the history entry's state. */
export interface PageLink {
  search: URLSearchParams;
  state: PagingState | null;
}

const firstPage: ListPage = { cursor: undefined, page: 1, earlier: [] };

function earlierCursors(state: unknown, cursor: string): string[] {
  const paging = (state as Partial<PagingState> | null)?.listPaging;
  if (!paging || paging.cursor !== cursor || !Array.isArray(paging.earlier)) return [];
  return paging.earlier.filter((c): c is string => typeof c === "string");
}

/** The page the URL names; the history state supplies the cursors before it when it belongs to this page. */
export function readPage(params: URLSearchParams, state: unknown): ListPage {
  const cursor = params.get(CURSOR_PARAM) || undefined;
  if (!cursor) return firstPage;
  const earlier = earlierCursors(state, cursor);
  // A page number the link lost or mangled: at least the page after those we know came before.
  const named = Number(params.get(PAGE_PARAM));
  const page = Number.isInteger(named) && named >= 2 ? Math.max(named, earlier.length + 2) : earlier.length + 2;
  return { cursor, page, earlier };
}

/** The URL's parameters without the page: what a change of filters, search or sort starts from. */
export function withoutPage(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(PAGE_PARAM);
  next.delete(CURSOR_PARAM);
  return next;
}

/** The link to a page, keeping every other parameter (filters, custom fields, the saved view). */
export function linkTo(params: URLSearchParams, target: ListPage): PageLink {
  const search = withoutPage(params);
  if (!target.cursor) return { search, state: null };
  search.set(PAGE_PARAM, String(target.page));
  search.set(CURSOR_PARAM, target.cursor);
  return { search, state: { listPaging: { cursor: target.cursor, earlier: target.earlier } } };
}

/** The page after `current`, which starts after `nextCursor`. */
export function nextPage(current: ListPage, nextCursor: string): ListPage {
  return {
    cursor: nextCursor,
    page: current.page + 1,
    earlier: current.cursor ? [...current.earlier, current.cursor] : [],
  };
}

/** The page before `current`: the first one when the cursors before it are unknown (a bare link). */
export function previousPage(current: ListPage): ListPage {
  const cursor = current.earlier.at(-1);
  if (!cursor) return firstPage;
  return { cursor, page: current.page - 1, earlier: current.earlier.slice(0, -1) };
}
