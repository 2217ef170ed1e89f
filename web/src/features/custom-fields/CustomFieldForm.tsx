import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, Col, Drawer, Flex, Form, Grid, Input, Row, Select, Space, Switch } from "antd";
import type { Rule } from "antd/es/form";
import { useTranslation } from "react-i18next";
import { type GuardedFormProps, useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { useSessionQuery } from "../auth/api";
import {
  type CustomField,
  type CustomFieldType,
  type CustomObjectType,
  useCreateCustomField,
  useUpdateCustomField,
} from "./api";

const TYPES: CustomFieldType[] = [
  "text",
  "longText",
  "number",
  "money",
  "date",
  "dateTime",
  "singleChoice",
  "multiChoice",
  "checkbox",
  "user",
  "url",
  "email",
  "phone",
];
const CHOICES = new Set<CustomFieldType>(["singleChoice", "multiChoice"]);
const NOT_UNIQUE = new Set<CustomFieldType>(["longText", "multiChoice", "checkbox"]);

interface FormValues {
  key: string;
  type: CustomFieldType;
  label: { en: string; "zh-CN": string };
  options: { key: string; label: { en: string; "zh-CN": string }; archived: boolean; saved?: boolean }[];
  currency?: string;
  required: boolean;
  unique: boolean;
  indexed: boolean;
}

/**
 * An option key from its English label: lower-case words joined by _ without accents (as the server's
 * keyWords makes keys), or a number when none are left.
 */
const optionKeyOf = (label: string, index: number) =>
  label
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50) || `option_${index + 1}`;

/**
 * A label (at `path`: its "zh-CN" and "en") in one language at least; the other takes the same text
 * when left empty (see `bothLanguages`).
 */
const eitherLabel =
  (path: (string | number)[], message: string): Rule =>
  ({ getFieldValue }) => ({
    validator: () =>
      ["zh-CN", "en"].some((lang) => String(getFieldValue([...path, lang]) ?? "").trim())
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  });

/** A label typed in one language only shows in both, until someone translates it. */
const bothLanguages = (label: { en?: string; "zh-CN"?: string }) => {
  const [en, zh] = [label.en?.trim() ?? "", label["zh-CN"]?.trim() ?? ""];
  return { en: en || zh, "zh-CN": zh || en };
};

/** The browser's list of ISO 4217 codes, where it has one (the server checks the same list). */
const knownCurrencies =
  typeof Intl.supportedValuesOf === "function" ? new Set(Intl.supportedValuesOf("currency")) : null;

/** An empty currency is allowed; a code must be three letters the list knows (typed lower case is upper-cased). */
function checkCurrency(value: unknown, message: string): Promise<void> {
  if (typeof value !== "string" || value === "") return Promise.resolve();
  const known = /^[A-Z]{3}$/.test(value) && (!knownCurrencies || knownCurrencies.has(value));
  return known ? Promise.resolve() : Promise.reject(new Error(message));
}

/** Adds or edits a field in a drawer; key and type are fixed once the field exists. */
export function CustomFieldForm({
  objectType,
  field,
  open,
  onClose,
}: {
  objectType: CustomObjectType;
  field?: CustomField;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // A half-defined field with its options typed: closing or leaving asks first.
  const guard = useDiscardGuard(onClose, { backCloses: open && !screens.md });
  return (
    <Drawer
      open={open}
      onClose={guard.close}
      size={screens.md ? 640 : "100%"}
      title={
        field
          ? t("customFields.editTitle")
          : t("customFields.newTitle", { object: t(`customFields.object.${objectType}`) })
      }
      destroyOnHidden
    >
      {open && (
        <FieldForm
          objectType={objectType}
          field={field}
          onCancel={guard.close}
          onEdit={guard.markDirty}
          onDone={guard.done}
        />
      )}
    </Drawer>
  );
}

function FieldForm({
  objectType,
  field,
  onCancel,
  onEdit,
  onDone,
}: { objectType: CustomObjectType; field?: CustomField } & GuardedFormProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const type = Form.useWatch("type", form) ?? field?.type ?? "text";
  // A new money field left without a currency gets the organization's (the server's default).
  const session = useSessionQuery();
  const baseCurrency = field ? undefined : session.data?.organization.baseCurrency;

  const initial: FormValues = field
    ? {
        key: field.key,
        type: field.type,
        label: field.label,
        options: field.options.map((o) => ({ ...o, saved: true })),
        currency: field.currency ?? undefined,
        required: field.required,
        unique: field.unique,
        indexed: field.indexed,
      }
    : {
        key: "",
        type: "text",
        label: { en: "", "zh-CN": "" },
        options: [],
        required: false,
        unique: false,
        indexed: false,
      };

  const onFinish = (values: FormValues) => {
    // Option keys are not inputs, so they are read from the whole store, not the submitted fields.
    const all = form.getFieldsValue(true) as FormValues;
    const options = CHOICES.has(values.type)
      ? all.options.map((o, i) => ({
          key: o.key?.trim() || optionKeyOf(o.label.en ?? "", i),
          label: bothLanguages(o.label),
          archived: o.archived ?? false,
        }))
      : [];
    const common = {
      label: bothLanguages(values.label),
      options,
      currency: values.type === "money" ? values.currency || null : null,
      required: values.required,
      unique: NOT_UNIQUE.has(values.type) ? false : values.unique,
      indexed: values.indexed,
    };
    const done = () => {
      message.success(t("common.saved"));
      onDone();
    };
    const onError = (error: unknown) => {
      if (!applyServerErrors(form, error)) showError(error);
    };
    // Amounts keep their numbers when a money field's currency changes: the server asks first.
    const save = (saved: CustomField, relabelAmounts?: true) =>
      update.mutate(
        { id: saved.id, body: { version: saved.version, ...common, relabelAmounts } },
        {
          onSuccess: done,
          onError: (error) => {
            const relabel =
              isApiError(error) && error.details.find((d) => d.path === "currency" && error.status === 409);
            if (!relabel) return onError(error);
            modal.confirm({
              title: t("customFields.relabelTitle"),
              content: (
                <>
                  <p>{relabel.message}</p>
                  <p>{t("customFields.relabelHint")}</p>
                </>
              ),
              okText: t("customFields.relabelConfirm"),
              okButtonProps: { danger: true, id: "relabel-confirm" },
              onOk: () => save(saved, true),
            });
          },
        },
      );
    if (field) save(field);
    else {
      const key = values.key?.trim() || undefined; // left empty, the server makes it from the label
      create.mutate({ objectType, key, type: values.type, ...common }, { onSuccess: done, onError });
    }
  };

  const oneLabel = [eitherLabel(["label"], t("customFields.labelNeeded"))];
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      onValuesChange={onEdit}
      name="customField"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t("customFields.labelZh")}
            name={["label", "zh-CN"]}
            rules={oneLabel}
            dependencies={[["label", "en"]]}
          >
            <Input maxLength={100} data-testid="field-label-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t("customFields.labelEn")}
            name={["label", "en"]}
            extra={t("customFields.labelOneEnough")}
            rules={oneLabel}
            dependencies={[["label", "zh-CN"]]}
          >
            <Input maxLength={100} data-testid="field-label-en" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t("customFields.key")}
            name="key"
            extra={field ? t("customFields.keyHelp") : t("customFields.keyMade")}
            rules={[{ pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("customFields.keyPattern") }]}
          >
            <Input disabled={Boolean(field)} maxLength={40} data-testid="field-key" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t("customFields.type")} name="type">
            <Select
              disabled={Boolean(field)}
              options={TYPES.map((value) => ({ value, label: t(`customFields.types.${value}`) }))}
              data-testid="field-type"
            />
          </Form.Item>
        </Col>
        {type === "money" && (
          <Col xs={24} md={12}>
            <Form.Item
              label={t("customFields.currency")}
              name="currency"
              extra={baseCurrency && t("customFields.currencyDefault", { currency: baseCurrency })}
              rules={[{ validator: (_rule, value) => checkCurrency(value, t("customFields.currencyInvalid")) }]}
              normalize={(value: unknown) => (typeof value === "string" ? value.trim().toUpperCase() : value)}
            >
              <Input maxLength={3} placeholder={baseCurrency} data-testid="field-currency" />
            </Form.Item>
          </Col>
        )}
      </Row>
      {CHOICES.has(type) && <OptionsEditor />}
      <Space wrap size={24} style={{ marginBottom: 16 }}>
        <Form.Item name="required" valuePropName="checked" noStyle>
          <Checkbox data-testid="field-required">{t("customFields.required")}</Checkbox>
        </Form.Item>
        {!NOT_UNIQUE.has(type) && (
          <Form.Item name="unique" valuePropName="checked" noStyle>
            <Checkbox>{t("customFields.unique")}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="indexed" valuePropName="checked" noStyle>
          <Checkbox>{t("customFields.indexed")}</Checkbox>
        </Form.Item>
      </Space>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="field-save"
        >
          {t("common.save")}
        </Button>
      </Flex>
    </Form>
  );
}

/** Choice options: labels in both languages; saved options are archived rather than removed (keys stay). */
function OptionsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="options">
      {(items, { add, remove }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <span>{t("customFields.options")}</span>
          {items.map((item, index) => (
            <OptionRow key={item.key} index={index} onRemove={() => remove(item.name)} name={item.name} />
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: "", label: { en: "", "zh-CN": "" }, archived: false })}
            data-testid="field-option-add"
          >
            {t("customFields.addOption")}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function OptionRow({ name, index, onRemove }: { name: number; index: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const labelRule = [eitherLabel(["options", name, "label"], t("customFields.labelNeeded"))];
  const form = Form.useFormInstance<FormValues>();
  const saved = form.getFieldValue(["options", name, "saved"]) === true;
  return (
    <Row gutter={8} align="middle">
      <Col xs={12} md={8}>
        <Form.Item
          name={[name, "label", "zh-CN"]}
          rules={labelRule}
          dependencies={[["options", name, "label", "en"]]}
          noStyle
        >
          <Input placeholder={t("customFields.labelZh")} maxLength={100} data-testid={`field-option-zh-${index}`} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name={[name, "label", "en"]}
          rules={labelRule}
          dependencies={[["options", name, "label", "zh-CN"]]}
          noStyle
        >
          <Input placeholder={t("customFields.labelEn")} maxLength={100} data-testid={`field-option-en-${index}`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        {saved ? (
          <Space>
            <Form.Item name={[name, "archived"]} valuePropName="checked" noStyle>
              <Switch size="small" />
            </Form.Item>
            <span>{t("customFields.archived")}</span>
          </Space>
        ) : (
          <Button type="text" icon={<MinusCircleOutlined />} onClick={onRemove} aria-label={t("common.delete")} />
        )}
      </Col>
    </Row>
  );
}
