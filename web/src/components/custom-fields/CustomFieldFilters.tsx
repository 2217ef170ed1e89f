import { FilterOutlined } from "@ant-design/icons";
import { Badge, Button, DatePicker, Flex, Input, Popover, Select, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useUsers } from "../../features/admin/api";
import { type CustomField, type CustomObjectType, useCustomFields } from "../../features/custom-fields/api";
import { useLocalized } from "./labels";
import { joinListValues, splitListValues } from "./listValues";
import { NumberFilterInput } from "./NumberFilterInput";
import type { CustomListParams } from "./useCustomListParams";

/** One field's filter control, writing its `custom.<key>[op]` URL parameters. */
function FieldFilter({ field, params }: { field: CustomField; params: CustomListParams }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const users = useUsers({ enabled: field.type === "user" });
  const name = (op?: string) => `custom.${field.key}${op ? `[${op}]` : ""}`;
  const value = (op?: string) => params.filters[name(op)];
  const label = localized(field.label);
  const testId = `custom-filter-${field.key}`;
  const options = field.options.map((o) => ({ value: o.key, label: localized(o.label) }));
  switch (field.type) {
    case "singleChoice":
    case "multiChoice": {
      // A single choice matches any of the picked options ([in]); a multiple choice list holding any of them (=).
      const op = field.type === "singleChoice" ? "in" : undefined;
      return (
        <Select<string[]>
          mode="multiple"
          allowClear
          value={splitListValues(value(op) ?? "")}
          onChange={(keys) => params.set({ [name(op)]: joinListValues(keys) || undefined })}
          options={options}
          placeholder={t("customFields.filter.any")}
          aria-label={label}
          data-testid={testId}
        />
      );
    }
    case "checkbox":
      return (
        <Select<string>
          allowClear
          value={value()}
          onChange={(v) => params.set({ [name()]: v })}
          options={[
            { value: "true", label: t("customFields.yes") },
            { value: "false", label: t("customFields.no") },
          ]}
          aria-label={label}
          data-testid={testId}
        />
      );
    case "user":
      return (
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={value()}
          onChange={(v) => params.set({ [name()]: v })}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          aria-label={label}
          data-testid={testId}
        />
      );
    case "number":
    case "money":
      return (
        <Flex gap={4} align="flex-start">
          {(["gte", "lte"] as const).map((op) => (
            <NumberFilterInput
              key={op}
              money={field.type === "money"}
              value={value(op)}
              onChange={(v) => params.set({ [name(op)]: v })}
              placeholder={t(op === "gte" ? "customFields.filter.from" : "customFields.filter.to")}
              aria-label={`${label} ${t(op === "gte" ? "customFields.filter.from" : "customFields.filter.to")}`}
              data-testid={`${testId}-${op}`}
            />
          ))}
        </Flex>
      );
    case "date":
    case "dateTime": {
      const from = value("gte");
      const to = value("lte");
      return (
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(range) => {
            // Whole days: a date-time range runs from the first day's start to the last day's end.
            const [start, end] = range ?? [null, null];
            const asText = (d: dayjs.Dayjs | null, edge: "startOf" | "endOf") =>
              d ? (field.type === "date" ? d.format("YYYY-MM-DD") : d[edge]("day").toISOString()) : undefined;
            params.set({ [name("gte")]: asText(start, "startOf"), [name("lte")]: asText(end, "endOf") });
          }}
          aria-label={label}
          data-testid={testId}
        />
      );
    }
    default:
      return (
        <Input.Search
          allowClear
          defaultValue={value("contains")}
          onSearch={(v) => params.set({ [name("contains")]: v.trim() || undefined })}
          placeholder={t("customFields.filter.contains")}
          aria-label={label}
          data-testid={testId}
        />
      );
  }
}

/** A button opening one filter per custom field; shows how many are set. Nothing without fields. */
export function CustomFieldFilters({ objectType, params }: { objectType: CustomObjectType; params: CustomListParams }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const fields = useCustomFields(objectType).data ?? [];
  // Clearing starts the boxes afresh: a text that filtered nothing (no number) is not in the URL to clear.
  const [clearings, setClearings] = useState(0);
  if (fields.length === 0) return null;
  const clear = () => {
    params.clear();
    setClearings((n) => n + 1);
  };
  const content = (
    <Flex vertical gap={8} style={{ width: "min(320px, 80vw)", maxHeight: 420, overflowY: "auto" }}>
      {fields.map((field) => (
        <Flex key={`${field.id}:${clearings}`} vertical gap={2}>
          <Typography.Text type="secondary">{localized(field.label)}</Typography.Text>
          <FieldFilter field={field} params={params} />
        </Flex>
      ))}
      {params.count > 0 && (
        <Button type="link" onClick={clear} style={{ alignSelf: "flex-start", padding: 0 }}>
          {t("common.clearFilters")}
        </Button>
      )}
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomLeft" content={content} title={t("customFields.filter.add")}>
      <Badge count={params.count} size="small">
        <Button icon={<FilterOutlined />} data-testid="custom-filters">
          {t("customFields.section")}
        </Button>
      </Badge>
    </Popover>
  );
}
