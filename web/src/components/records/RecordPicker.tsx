import { Select, type SelectProps } from "antd";
import { useEffect, useState } from "react";

const SEARCH_DELAY_MS = 250;

export type PickerOption = { value: string; label: string };

export interface RecordPickerProps extends Omit<SelectProps<string>, "options" | "onSearch" | "showSearch"> {
  /** The chosen record's name, shown before any search has run. */
  current?: { id: string; name: string } | null;
}

interface Props extends RecordPickerProps {
  /** Searches the server for what was typed (already trimmed and debounced); only records the user can see. */
  useSearch: (q: string) => { options: PickerOption[]; isFetching: boolean };
}

/** Picks one record, searching the server as the user types. */
export function RecordPicker({ current, useSearch, ...props }: Props) {
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(draft.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  const found = useSearch(q);
  const options = [...found.options];
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setDraft }}
      loading={found.isFetching}
      options={options}
      {...props}
    />
  );
}
