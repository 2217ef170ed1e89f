import { Alert, Button, Checkbox, Col, Form, Input, Row, Select } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { currentLanguage, LANGUAGES } from "../../app/i18n";
import { PageSpin } from "../../components/PageSpin";
import { useErrorMessage } from "../../components/useErrorMessage";
import { browserTimeZone, currencyOptions, timeZoneOptions } from "../../lib/currencies";
import { applyServerErrors } from "../../lib/formErrors";
import { AuthShell } from "./AuthShell";
import { type SetupInput, useSetup, useSetupStatus } from "./api";

// The server names the admin fields adminName/adminEmail/adminPassword.
type SetupFormValues = SetupInput;

/** First run: creates the organization and its first admin, then signs them in. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const status = useSetupStatus();
  const setup = useSetup();
  const describe = useErrorMessage();
  const [form] = Form.useForm<SetupFormValues>();
  const language = currentLanguage();
  const zones = useMemo(() => timeZoneOptions(), []);

  if (status.isPending) return <PageSpin fullScreen />;
  if (status.data && !status.data.needed && !setup.isPending && !setup.isSuccess)
    return <Navigate to="/login" replace />;

  const initialValues: Partial<SetupFormValues> = {
    locale: language,
    baseCurrency: language === "zh-CN" ? "CNY" : "USD",
    timeZone: browserTimeZone(),
    loadDemoData: false,
  };

  const onFinish = (values: SetupFormValues) => {
    setup.mutate(values, {
      onSuccess: () => {
        void i18n.changeLanguage(values.locale);
        navigate("/customers", { replace: true });
      },
      onError: (error) => applyServerErrors(form, error),
    });
  };

  return (
    <AuthShell title={t("setup.title")} subtitle={t("setup.subtitle")} width={720}>
      <Form<SetupFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        requiredMark="optional"
      >
        {setup.error && (
          <Alert type="error" showIcon role="alert" title={describe(setup.error)} style={{ marginBottom: 16 }} />
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("setup.organizationName")}
              name="organizationName"
              rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
            >
              <Input data-testid="setup-org-name" autoComplete="organization" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("setup.locale")} name="locale" rules={[{ required: true }]}>
              <Select data-testid="setup-locale" options={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("setup.baseCurrency")} name="baseCurrency" rules={[{ required: true }]}>
              <Select
                data-testid="setup-currency"
                showSearch={{ optionFilterProp: "label" }}
                options={currencyOptions(language)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("setup.timeZone")} name="timeZone" rules={[{ required: true }]}>
              <Select data-testid="setup-time-zone" showSearch options={zones} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("setup.adminName")}
              name="adminName"
              rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
            >
              <Input data-testid="setup-admin-name" autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("setup.adminEmail")}
              name="adminEmail"
              rules={[{ required: true, type: "email", message: t("validation.email") }]}
            >
              <Input data-testid="setup-admin-email" autoComplete="email" inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("setup.adminPassword")}
              name="adminPassword"
              extra={t("validation.passwordHint")}
              rules={[{ required: true, min: 8, message: t("validation.passwordMin") }]}
            >
              <Input.Password data-testid="setup-admin-password" autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="loadDemoData" valuePropName="checked">
              <Checkbox data-testid="setup-demo-data">{t("setup.loadDemoData")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" block loading={setup.isPending} data-testid="setup-submit">
          {t("setup.submit")}
        </Button>
      </Form>
    </AuthShell>
  );
}
