import { useState } from "react";

/** Where a keyset-paged list is and how to move: what CursorPager drives. */
export interface CursorPaging {
  /** Where the current page starts; none on the first page. */
  cursor: string | undefined;
  page: number;
  hasPrevious: boolean;
  next: (cursor: string) => void;
  previous: () => void;
  first: () => void;
}

/**
 * Keyset paging keeps no page numbers, only "the cursor after this page".
 * Going back means remembering the cursors we came through: a stack whose top
 * is the current page's cursor. A new `resetKey` (other filters or sort)
 * starts again at the first page. Kept in React state: for lists inside a
 * page (cards); a page's own list keeps its page in the URL (useUrlPaging).
 */
export function useCursorStack(resetKey: string): CursorPaging {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  const stack = state.key === resetKey ? state.stack : [];
  return {
    cursor: stack.at(-1),
    page: stack.length + 1,
    hasPrevious: stack.length > 0,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
    first: () => setState({ key: resetKey, stack: [] }),
  };
}
