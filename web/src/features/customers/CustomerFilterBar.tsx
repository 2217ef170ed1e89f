import { Button, Flex, Input, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCustomerLabels } from "./labels";
import { OwnerSelect } from "./OwnerSelect";
import type { CustomerFilters, useCustomerListParams } from "./useCustomerListParams";

type ListParams = ReturnType<typeof useCustomerListParams>;

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
