import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, Form, InputNumber, Select, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { useShowError } from "../../components/useShowError";
import { useCustomerLabels } from "../customers/labels";
import { type ReclaimRule, usePoolSettings, useUpdatePoolSettings } from "./api";

type Values = { maxOwnedCustomers: number | null; reclaimRules: ReclaimRule[] };

const newRule: ReclaimRule = { level: null, noFollowUpDays: 30, noDealDays: null, noticeDays: 3 };

/** Administrators set the claim limit and the automatic reclaim rules, per customer level. */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const labels = useCustomerLabels();
  const settings = usePoolSettings();
  const save = useUpdatePoolSettings();
  const [form] = Form.useForm<Values>();
  const data = settings.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ maxOwnedCustomers: data.maxOwnedCustomers, reclaimRules: data.reclaimRules });
  }, [data, form]);

  if (settings.isPending) return <PageSpin />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;

  const submit = (values: Values) =>
    save.mutate(
      {
        version: settings.data.version,
        maxOwnedCustomers: values.maxOwnedCustomers ?? null,
        reclaimRules: (values.reclaimRules ?? []).map((rule) => ({
          level: rule.level ?? null,
          noFollowUpDays: rule.noFollowUpDays ?? null,
          noDealDays: rule.noDealDays ?? null,
          noticeDays: rule.noticeDays ?? 0,
        })),
      },
      {
        onSuccess: () => message.success(t("pool.rules.saved")),
        onError: showError,
      },
    );

  // No step arrows (controls): antd names them in English only ("Increase Value"), and typing is quicker.
  const days = { min: 1, max: 3650, controls: false, style: { width: "100%" } };
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("pool.rules.title")} />
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 900 }}>
        <Card size="small">
          <Form.Item name="maxOwnedCustomers" label={t("pool.rules.limit")} extra={t("pool.rules.limitHelp")}>
            <InputNumber controls={false} min={0} max={1_000_000} style={{ width: 200 }} data-testid="pool-limit" />
          </Form.Item>
        </Card>
        <Card size="small" title={t("pool.rules.reclaim")} style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t("pool.rules.reclaimHelp")}</Typography.Paragraph>
          <Form.List name="reclaimRules">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} wrap gap={8} align="flex-end" data-testid="pool-rule">
                    <Form.Item name={[field.name, "level"]} label={t("pool.rules.level")} style={{ flex: "1 1 160px" }}>
                      <Select
                        allowClear
                        placeholder={t("pool.rules.anyLevel")}
                        options={labels.lists.level.filterOptions}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "noFollowUpDays"]}
                      label={t("pool.rules.noFollowUpDays")}
                      style={{ flex: "1 1 140px" }}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: (_, value) =>
                            value || getFieldValue(["reclaimRules", field.name, "noDealDays"])
                              ? Promise.resolve()
                              : Promise.reject(new Error(t("pool.rules.oneClock"))),
                        }),
                      ]}
                    >
                      <InputNumber {...days} data-testid="pool-rule-follow-up" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "noDealDays"]}
                      label={t("pool.rules.noDealDays")}
                      style={{ flex: "1 1 140px" }}
                    >
                      <InputNumber {...days} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "noticeDays"]}
                      label={t("pool.rules.noticeDays")}
                      style={{ flex: "1 1 140px" }}
                      rules={[{ required: true, message: t("pool.required") }]}
                    >
                      <InputNumber controls={false} min={0} max={365} style={{ width: "100%" }} />
                    </Form.Item>
                    <Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t("pool.rules.remove")}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add(newRule)}
                  style={{ alignSelf: "flex-start" }}
                  data-testid="pool-rule-add"
                >
                  {t("pool.rules.add")}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          style={{ marginTop: 16 }}
          data-testid="pool-rules-save"
        >
          {t("common.save")}
        </Button>
      </Form>
    </Flex>
  );
}
