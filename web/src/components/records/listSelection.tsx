import type { TableProps } from "antd";
import { type ReactNode, useLayoutEffect, useRef, useState } from "react";

/** A list's row selection: antd's, plus whether "all that match" is selected. */
export type ListRowSelection<T> = NonNullable<TableProps<T>["rowSelection"]> & {
  /** Every record that matches the filter is selected: each row on screen shows ticked. */
  allMatching?: boolean;
};

/**
 * antd copies each column title into a zero-height measuring row of the table body. There a copy of
 * a control in a title (the "select this page" checkbox) is a second, invisible tab stop (Space on
 * it acts with no visible focus) and a second control for screen readers: the copy is made inert.
 */
export function HeaderOnly({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [copy, setCopy] = useState(false);
  useLayoutEffect(() => setCopy(!ref.current?.closest("thead")), []);
  return (
    <span ref={ref} inert={copy} aria-hidden={copy || undefined}>
      {children}
    </span>
  );
}

/** The selection the table gets: with "all that match", the rows it shows count as ticked too. */
export function tableSelection<T extends { id: string }>(
  selection: ListRowSelection<T> | undefined,
  rows: readonly T[] | undefined,
): TableProps<T>["rowSelection"] {
  if (!selection) return undefined;
  const { allMatching, columnTitle, ...props } = selection;
  const title = (box: ReactNode) => (
    <HeaderOnly>{typeof columnTitle === "function" ? columnTitle(box) : (columnTitle ?? box)}</HeaderOnly>
  );
  if (!allMatching) return { ...props, columnTitle: title };
  const keys = new Set([...(props.selectedRowKeys ?? []), ...(rows ?? []).map((row) => row.id)]);
  return { ...props, columnTitle: title, selectedRowKeys: [...keys] };
}
