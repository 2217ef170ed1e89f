import { Button, Flex, Select } from "antd";
import { useTranslation } from "react-i18next";
import { CustomerPicker } from "./CustomerPicker";
import { useContactLabels } from "./labels";
import type { ContactFilters, useContactListParams } from "./useContactListParams";

type ListParams = ReturnType<typeof useContactListParams>;

/** Filters by customer, buying role and primary; each named "Filter by …" for screen readers. */
export function ContactFilterBar({ filters, params }: { filters: ContactFilters; params: ListParams }) {
  const { t } = useTranslation();
  const labels = useContactLabels();
  const width = { flex: "1 1 160px", minWidth: 150, maxWidth: 260 };
  return (
    <Flex wrap gap={8} align="center">
      <CustomerPicker
        value={filters.customerId}
        onChange={(value) => params.update({ customerId: value })}
        placeholder={labels.field("customerId")}
        aria-label={t("contacts.filterBy", { field: labels.field("customerId") })}
        data-testid="contact-filter-customer"
        style={width}
      />
      <Select<string>
        allowClear
        value={filters.buyingRole}
        onChange={(value) => params.update({ buyingRole: value })}
        options={labels.options.buyingRole}
        placeholder={labels.field("buyingRole")}
        aria-label={t("contacts.filterBy", { field: labels.field("buyingRole") })}
        data-testid="contact-filter-buyingRole"
        style={width}
      />
      <Select<string>
        allowClear
        value={filters.isPrimary}
        onChange={(value) => params.update({ isPrimary: value })}
        options={[
          { value: "true", label: t("contacts.yes") },
          { value: "false", label: t("contacts.no") },
        ]}
        placeholder={labels.field("isPrimary")}
        aria-label={t("contacts.filterBy", { field: labels.field("isPrimary") })}
        data-testid="contact-filter-isPrimary"
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
