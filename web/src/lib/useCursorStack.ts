import { useState } from "react";

/**
 * Keyset paging keeps no page numbers, only "the cursor after this page".
 * Going back means remembering the cursors we came through: a stack whose top
 * is the current page's cursor. A new `resetKey` (other filters or sort)
 * starts again at the first page.
 */
export function useCursorStack(resetKey: string) {
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
