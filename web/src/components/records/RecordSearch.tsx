import { SearchOutlined } from "@ant-design/icons";
import { Input } from "antd";
import { useEffect, useRef, useState } from "react";

const SEARCH_DELAY_MS = 300;

export interface RecordSearchProps {
  value?: string;
  onSearch: (q: string) => void;
  placeholder: string;
  /** Accessible name of the box, e.g. "Search customers". */
  label: string;
  testId?: string;
}

/** A record list's keyword search box; typing filters after a short pause, Enter at once. */
export function RecordSearch({ value, onSearch, placeholder, label, testId }: RecordSearchProps) {
  const [draft, setDraft] = useState(value ?? "");
  const lastSent = useRef(value ?? "");
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  const send = (text: string) => {
    lastSent.current = text;
    onSearch(text);
  };

  // Follow changes from outside (e.g. "clear filters"), but not the echo of our
  // own search, which could overwrite what the user typed in the meantime.
  useEffect(() => {
    if ((value ?? "") !== lastSent.current) {
      lastSent.current = value ?? "";
      setDraft(value ?? "");
    }
  }, [value]);

  useEffect(() => {
    const text = draft.trim();
    if (text === lastSent.current) return;
    const timer = window.setTimeout(() => {
      lastSent.current = text;
      onSearchRef.current(text);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);

  return (
    <Input
      type="search"
      enterKeyHint="search"
      allowClear
      prefix={<SearchOutlined aria-hidden />}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onPressEnter={() => send(draft.trim())}
      placeholder={placeholder}
      aria-label={label}
      data-testid={testId}
      style={{ maxWidth: 360, flex: "1 1 220px" }}
    />
  );
}
