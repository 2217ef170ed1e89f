import { App, Form, Input, Modal, Select, Tag } from "antd";
import type { Rule } from "antd/es/form";
import { useTranslation } from "react-i18next";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { type OptionValue, useAddOptionValue, useUpdateOptionValue } from "./api";
import { useOptionList } from "./useOptionList";

/** antd's preset tag colours: they read well in light and dark themes. */
export const OPTION_COLORS = [
  "red",
  "volcano",
  "orange",
  "gold",
  "lime",
  "green",
  "cyan",
  "blue",
  "geekblue",
  "purple",
  "magenta",
] as const;

interface FormValues {
  labelZh: string;
  labelEn: string;
  key?: string;
  color?: string;
}

/** Adds a value to a list (no `value`), or renames / recolours one. */
export function OptionValueForm({
  listKey,
  value,
  open,
  onClose,
}: {
  listKey: string;
  value?: OptionValue;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<FormValues>();
  const add = useAddOptionValue();
  const update = useUpdateOptionValue();
  const others = useOptionList(listKey).values.filter((other) => other.id !== value?.id);
  // Labels typed in two languages: closing or leaving asks first.
  const guard = useDiscardGuard(onClose);

  /**
   * A label another value of the list has in that language (any case, archived ones too) is
   * refused as the server does, before saving; a value keeping its own label exactly is left alone
   * (a change of case is checked, as the server checks it).
   */
  const uniqueLabel = (field: "labelZh" | "labelEn") => ({
    validator: (_rule: unknown, typed: unknown) => {
      const trimmed = typeof typed === "string" ? typed.trim() : "";
      const label = trimmed.toLowerCase();
      if (!label || (value && value[field] === trimmed)) return Promise.resolve();
      const twin = others.find((other) => other[field].toLowerCase() === label);
      if (!twin) return Promise.resolve();
      const key = twin.archived ? "optionLists.labelTakenArchived" : "optionLists.labelTaken";
      return Promise.reject(new Error(t(key, { label: twin[field] })));
    },
  });

  /** A name in one language at least. */
  const eitherLabel: Rule = ({ getFieldValue }) => ({
    validator: () =>
      [getFieldValue("labelZh"), getFieldValue("labelEn")].some((v) => String(v ?? "").trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t("optionLists.labelNeeded"))),
  });

  const onFinish = (values: FormValues) => {
    // One language is enough: a value named in Chinese only shows that name in English too, until translated.
    const [zh, en] = [values.labelZh?.trim() ?? "", values.labelEn?.trim() ?? ""];
    const labels = { labelZh: zh || en, labelEn: en || zh, color: values.color ?? null };
    const callbacks = {
      onSuccess: () => {
        message.success(t("common.saved"));
        guard.done();
      },
      onError: (error: unknown) => {
        if (isApiError(error) && error.code === "version_conflict") message.error(t("errors.versionConflict"));
        else if (!applyServerErrors(form, error)) showError(error);
      },
    };
    if (value) update.mutate({ listKey, id: value.id, body: { ...labels, version: value.version } }, callbacks);
    else add.mutate({ listKey, body: { ...labels, key: values.key?.trim() || undefined } }, callbacks);
  };

  return (
    <Modal
      open={open}
      title={value ? t("optionLists.editTitle") : t("optionLists.addTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={guard.close}
      confirmLoading={add.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={value ? { ...value, color: value.color ?? undefined } : {}}
        onFinish={onFinish}
        onValuesChange={guard.markDirty}
      >
        <Form.Item
          name="labelZh"
          label={t("optionLists.labelZh")}
          dependencies={["labelEn"]}
          rules={[{ max: 100 }, eitherLabel, uniqueLabel("labelZh")]}
        >
          <Input data-testid="option-label-zh" />
        </Form.Item>
        <Form.Item
          name="labelEn"
          label={t("optionLists.labelEn")}
          extra={t("optionLists.labelOneEnough")}
          dependencies={["labelZh"]}
          rules={[{ max: 100 }, eitherLabel, uniqueLabel("labelEn")]}
        >
          <Input data-testid="option-label-en" />
        </Form.Item>
        {!value && (
          <Form.Item name="key" label={t("optionLists.key")} extra={t("optionLists.keyHint")} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="color" label={t("optionLists.color")}>
          <Select
            allowClear
            options={OPTION_COLORS.map((color) => ({ value: color, label: <Tag color={color}>{color}</Tag> }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
