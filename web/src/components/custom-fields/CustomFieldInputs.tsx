import { Checkbox, Col, Divider, Form, Input, Row, Select } from "antd";
import type { Rule } from "antd/es/form";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useUsers } from "../../features/admin/api";
import { type CustomField, type CustomObjectType, useCustomFields } from "../../features/custom-fields/api";
import { useOrgTime } from "../../lib/orgTime";
import { DATE_FORMAT, DATE_TIME_FORMAT, FormDatePicker, readableDateRule } from "../FormDatePicker";
import { useLocalized } from "./labels";
import { NumberTextInput, readableNumberRule } from "./NumberTextInput";

/**
 * Date pickers work on Dayjs; the form keeps the stored text ('YYYY-MM-DD', UTC ISO), so a record's
 * `custom` is the form's initial value as it is. A date and time is picked on the organization's
 * clock, like the tasks' pickers. A typed text the picker could not read stays an invalid Dayjs,
 * which readableDateRule refuses rather than the record being saved without it.
 */
function dateProps(field: CustomField, orgTime: ReturnType<typeof useOrgTime>) {
  if (field.type !== "date" && field.type !== "dateTime") return {};
  const withTime = field.type === "dateTime";
  return {
    getValueProps: (value: unknown) => ({
      value: typeof value === "string" ? (withTime ? orgTime.toPicker(value) : dayjs(value)) : value,
    }),
    normalize: (value: Dayjs | null) => {
      if (!value?.isValid()) return value ?? null;
      return withTime ? orgTime.fromPicker(value.second(0).millisecond(0)) : value.format(DATE_FORMAT);
    },
  };
}

/**
 * The input for one field type. Form.Item hands its value, onChange and id to this component, which
 * passes them on to the control.
 */
function FieldInput({
  field,
  ...control
}: {
  field: CustomField;
  value?: unknown;
  onChange?: (value: unknown) => void;
}) {
  const current = control.value;
  // Typed per control by antd; the form's props fit each of them.
  const bind = control as object;
  const localized = useLocalized();
  const users = useUsers({ enabled: field.type === "user" });
  const testId = `custom-${field.key}`;
  // Archived options stay choosable only on a record that already holds them.
  const held = Array.isArray(current) ? current : [current];
  const options = field.options
    .filter((o) => !o.archived || held.includes(o.key))
    .map((o) => ({ value: o.key, label: localized(o.label) }));
  switch (field.type) {
    case "longText":
      return <Input.TextArea {...bind} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} data-testid={testId} />;
    case "number":
      return <NumberTextInput {...bind} data-testid={testId} />;
    case "money":
      return <NumberTextInput {...bind} money addonAfter={field.currency ?? undefined} data-testid={testId} />;
    case "date":
      return <FormDatePicker {...bind} style={{ width: "100%" }} data-testid={testId} />;
    case "dateTime":
      return (
        <FormDatePicker
          {...bind}
          showTime={{ format: "HH:mm" }}
          format={DATE_TIME_FORMAT}
          style={{ width: "100%" }}
          data-testid={testId}
        />
      );
    case "singleChoice":
      return <Select {...bind} allowClear options={options} data-testid={testId} />;
    case "multiChoice":
      return <Select {...bind} mode="multiple" allowClear options={options} data-testid={testId} />;
    case "checkbox":
      return <Checkbox {...bind} data-testid={testId} />;
    case "user":
      return (
        <Select
          {...bind}
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          loading={users.isLoading}
          options={(users.data ?? [])
            .filter((u) => u.active || u.id === current)
            .map((u) => ({ value: u.id, label: u.name }))}
          data-testid={testId}
        />
      );
    case "url":
      return <Input {...bind} inputMode="url" placeholder="https://" maxLength={2000} data-testid={testId} />;
    case "email":
      return <Input {...bind} type="email" maxLength={254} data-testid={testId} />;
    case "phone":
      return <Input {...bind} type="tel" maxLength={50} data-testid={testId} />;
    default:
      return <Input {...bind} maxLength={500} data-testid={testId} />;
  }
}

/**
 * The custom fields of an object as a form section, one input per active field by its type, under
 * the form names ["custom", key] (server errors on custom.<key> land on them). Renders nothing
 * when the organization has no fields. Like the server, a required field is asked for on a new
 * record and may not be cleared, but an older record that never had a value can still be saved.
 */
export function CustomFieldInputs({
  objectType,
  saved,
}: {
  objectType: CustomObjectType;
  /** The values the edited record has; absent for a new record. */
  saved?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const orgTime = useOrgTime();
  const fields = useCustomFields(objectType).data ?? [];
  if (fields.length === 0) return null;
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t("customFields.section")}
      </Divider>
      <Row gutter={16}>
        {fields.map((field) => {
          const asked = field.required && (!saved || saved[field.key] != null);
          const rules: Rule[] = asked ? [{ required: true, message: t("validation.required") }] : [];
          if (field.type === "email") rules.push({ type: "email", message: t("validation.email") });
          if (field.type === "date" || field.type === "dateTime") {
            rules.push(readableDateRule(t, field.type === "dateTime"));
          }
          if (field.type === "number" || field.type === "money") rules.push(readableNumberRule(t));
          const wide = field.type === "longText" || field.type === "multiChoice";
          return (
            <Col key={field.id} xs={24} md={wide ? 24 : 12}>
              <Form.Item
                label={localized(field.label)}
                name={["custom", field.key]}
                rules={rules}
                valuePropName={field.type === "checkbox" ? "checked" : "value"}
                {...dateProps(field, orgTime)}
              >
                <FieldInput field={field} />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
