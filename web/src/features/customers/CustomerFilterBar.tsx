import { Button, Flex, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FOLLOW_UP_DUE, isOneOf } from "./enums";
import { useCustomerLabels } from "./labels";
import { OwnerSelect } from "./OwnerSelect";
import type { CustomerFilters, useCustomerListParams } from "./useCustomerListParams";

type ListParams = ReturnType<typeof useCustomerListParams>;

/**
 * Classification filters. Each shows the field name as placeholder and is
 * named "Filter by …" for screen readers, distinct from the form's field labels.
 */
export function CustomerFilterBar({
  filters,
  params,
  withOwner = true,
}: {
  filters: CustomerFilters;
  params: ListParams;
  /** The public pool's customers have no owner to filter by. */
  withOwner?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const width = { flex: "1 1 150px", minWidth: 140, maxWidth: 220 };

  const select = (
    key: "kind" | "industry" | "size" | "level" | "source" | "lifecycleStage",
    options: { value: string; label: string }[],
  ) => (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: "label" }}
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
      {select("lifecycleStage", labels.lists.lifecycleStage.filterOptions)}
      {select("level", labels.lists.level.filterOptions)}
      {select("industry", labels.lists.industry.filterOptions)}
      {select("source", labels.lists.source.filterOptions)}
      {select("size", labels.lists.size.filterOptions)}
      {withOwner && (
        <OwnerSelect
          value={filters.ownerId}
          onChange={(value) => params.update({ ownerId: value })}
          placeholder={t("customers.fields.ownerId")}
          aria-label={t("customers.filterBy", { field: t("customers.fields.ownerId") })}
          style={width}
        />
      )}
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        value={filters.tag}
        onChange={(value) => params.update({ tag: value })}
        options={labels.lists.tags.filterOptions}
        placeholder={t("customers.fields.tags")}
        aria-label={t("customers.filterByTag")}
        data-testid="customer-filter-tag"
        style={width}
      />
      <Select<string>
        allowClear
        value={filters.followUpDue}
        onChange={(value) => params.update({ followUpDue: isOneOf(FOLLOW_UP_DUE, value) ? value : undefined })}
        options={FOLLOW_UP_DUE.map((due) => ({ value: due, label: t(`customers.followUpDue.${due}`) }))}
        placeholder={t("followUps.nextFollowUp")}
        aria-label={t("customers.filterBy", { field: t("followUps.nextFollowUp") })}
        data-testid="customer-filter-followUpDue"
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
