import { Select, type SelectProps } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCustomerSearch } from "./api";

const SEARCH_DELAY_MS = 250;

interface CustomerPickerProps extends Omit<SelectProps<string>, "options" | "onSearch" | "showSearch"> {
  /** The chosen customer's name, shown before any search has run. */
  current?: { id: string; name: string } | null;
}

/** Picks a customer, searching the server as the user types (only customers they can see). */
export function CustomerPicker({ current, ...props }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(draft.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  const found = useCustomerSearch(q);
  const options = (found.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setDraft }}
      placeholder={t("contacts.customerSearch")}
      loading={found.isFetching}
      options={options}
      {...props}
    />
  );
}
