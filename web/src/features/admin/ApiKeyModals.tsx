import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/FormActions";
import { useShowError } from "../../components/useShowError";
import { applyServerErrors } from "../../lib/formErrors";
import { type CreatedApiKey, useCreateApiKey } from "./api";

interface ApiKeyFormValues {
  name: string;
  expiresAt?: Dayjs | null;
}

export function CreateApiKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<ApiKeyFormValues>();
  const create = useCreateApiKey();

  const onFinish = (values: ApiKeyFormValues) =>
    create.mutate(
      // Expires at the end of the chosen day, so "until 31 Dec" includes 31 Dec.
      { name: values.name.trim(), expiresAt: values.expiresAt ? values.expiresAt.endOf("day").toISOString() : null },
      {
        onSuccess: (key) => {
          form.resetFields();
          onCreated(key);
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) showError(error);
        },
      },
    );

  return (
    <Modal open={open} title={t("admin.apiKeys.new")} footer={null} onCancel={onClose} destroyOnHidden>
      <Form<ApiKeyFormValues> form={form} name="apiKey" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t("admin.apiKeys.name")}
          name="name"
          extra={t("admin.apiKeys.nameHint")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input data-testid="api-key-name" />
        </Form.Item>
        <Form.Item label={t("admin.apiKeys.expiresAt")} name="expiresAt" extra={t("admin.apiKeys.expiresHint")}>
          <DatePicker style={{ width: "100%" }} disabledDate={(day) => day.isBefore(new Date(), "day")} />
        </Form.Item>
        <FormActions onCancel={onClose} saving={create.isPending} saveTestId="api-key-save" />
      </Form>
    </Modal>
  );
}

/** Shows a new key's secret, which the server never returns again. */
export function NewApiKeyModal({ apiKey, onClose }: { apiKey?: CreatedApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    if (!apiKey) return;
    try {
      await navigator.clipboard.writeText(apiKey.key);
      setCopied(true);
      message.success(t("common.copied"));
    } catch {
      // Clipboard access can be refused (http, permissions): the key stays selectable.
      message.warning(t("admin.apiKeys.copyFailed"));
    }
  };

  return (
    <Modal
      open={Boolean(apiKey)}
      title={t("admin.apiKeys.createdTitle", { name: apiKey?.name ?? "" })}
      onCancel={onClose}
      afterClose={() => setCopied(false)}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-done">
          {copied ? t("common.done") : t("admin.apiKeys.doneWithoutCopy")}
        </Button>
      }
      mask={{ closable: false }}
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t("admin.apiKeys.shownOnce")} />
        <Space.Compact style={{ width: "100%" }}>
          <Input
            readOnly
            value={apiKey?.key ?? ""}
            aria-label={t("admin.apiKeys.secret")}
            data-testid="api-key-secret"
            onFocus={(event) => event.target.select()}
            style={{ fontFamily: "monospace" }}
          />
          <Button icon={<CopyOutlined />} onClick={copy} aria-label={t("common.copy")} data-testid="api-key-copy">
            {t("common.copy")}
          </Button>
        </Space.Compact>
      </Flex>
    </Modal>
  );
}
