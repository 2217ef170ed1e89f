import { SearchOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCustomerLabels } from "./labels";
import { OwnerSelect } from "./OwnerSelect";
import type { CustomerFilters, useCustomerListParams } from "./useCustomerListParams";

type ListParams = ReturnType<typeof useCustomerListParams>;

const SEARCH_DELAY_MS = 300;

/** The keyword search box; typing filters after a short pause, Enter at once. */
export function CustomerSearch({ value, onSearch }: { value?: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
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
      placeholder={t("customers.searchPlaceholder")}
      aria-label={t("customers.search")}
      data-testid="customer-search"
      style={{ maxWidth: 360, flex: "1 1 220px" }}
    />
  );
}

/**
 * Classification filters. Each shows the field name as placeholder and is
 * named "Filter by …" for screen readers, distinct from the form's field labels.
 */
export function CustomerFilterBar({ filters, params }: { filters: CustomerFilters; params: ListParams }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const [tagDraft, setTagDraft] = useState(filters.tag ?? "");
  useEffect(() => setTagDraft(filters.tag ?? ""), [filters.tag]);
  const width = { flex: "1 1 150px", minWidth: 140, maxWidth: 220 };

  const select = (
    key: "kind" | "industry" | "size" | "level" | "source" | "lifecycleStage",
    options: { value: string; label: string }[],
  ) => (
    <Select<string>
      allowClear
      value={filters[key]}
      onChange={(value) => params.update({ [key]: value })}
      options={options}
      placeholder={labels.field(key)}
      aria-label={t("customers.filterBy", { field: labels.field(key) })}
      data-testid={`customer-filter-${key}`}
      style={width}
    />
  );

  return (
    <Flex wrap gap={8} align="center">
      {select("kind", labels.options.kind)}
      {select("lifecycleStage", labels.options.stage)}
      {select("level", labels.options.level)}
      {select("industry", labels.options.industry)}
      {select("source", labels.options.source)}
      {select("size", labels.options.size)}
      <OwnerSelect
        value={filters.ownerId}
        onChange={(value) => params.update({ ownerId: value })}
        placeholder={t("customers.fields.ownerId")}
        aria-label={t("customers.filterBy", { field: t("customers.fields.ownerId") })}
        style={width}
      />
      <Input
        allowClear
        value={tagDraft}
        onChange={(event) => {
          setTagDraft(event.target.value);
          if (!event.target.value) params.update({ tag: undefined });
        }}
        onPressEnter={() => params.update({ tag: tagDraft.trim() })}
        onBlur={() => params.update({ tag: tagDraft.trim() })}
        placeholder={t("customers.fields.tags")}
        aria-label={t("customers.filterByTag")}
        style={width}
      />
      {params.activeFilterCount > 0 && (
        <Button type="link" onClick={params.clearFilters}>
          {t("common.clearFilters")}
        </Button>
      )}
    </Flex>
  );
}
