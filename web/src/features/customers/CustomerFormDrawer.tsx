import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Drawer, Flex, Form, Grid, Input, Radio, Row, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomFieldInputs } from "../../components/custom-fields/CustomFieldInputs";
import { customFromForm } from "../../components/custom-fields/customForm";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { useCan } from "../auth/session";
import { useCustomFields } from "../custom-fields/api";
import { useDuplicateGate } from "../duplicates/useDuplicateGate";
import { type Customer, customerQueryOptions, useCreateCustomer, useUpdateCustomer } from "./api";
import { type CustomerFormValues, emptyCustomerForm, toCreateInput, toFormValues, toUpdateInput } from "./customerForm";
import { useCustomerLabels } from "./labels";
import { OwnerSelect } from "./OwnerSelect";

interface CustomerFormDrawerProps {
  open: boolean;
  /** The customer to edit; absent for a new one. */
  customer?: Customer;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}

/** New and edit form in a drawer that fills the screen on phones. */
export function CustomerFormDrawer({ open, customer, onClose, onSaved }: CustomerFormDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // On a phone the drawer is the whole screen: Back closes it rather than leaving the page under it.
  const guard = useDiscardGuard(onClose, { backCloses: open && !screens.md });
  return (
    <Drawer
      open={open}
      onClose={guard.close}
      size={screens.md ? 720 : "100%"}
      title={customer ? t("customers.editTitle", { name: customer.name }) : t("customers.newTitle")}
      destroyOnHidden
    >
      {open && (
        <CustomerForm
          // Another customer starts a new form: the one open edits only the customer it names.
          key={customer?.id ?? "new"}
          customer={customer}
          onCancel={guard.close}
          onEdit={guard.markDirty}
          onSaved={(saved) => {
            guard.markClean();
            onSaved?.(saved);
          }}
        />
      )}
    </Drawer>
  );
}

function CustomerForm({
  customer,
  onCancel,
  onEdit,
  onSaved,
}: {
  customer?: Customer;
  onCancel: () => void;
  /** Called on every edit the user makes (the drawer asks before discarding them). */
  onEdit: () => void;
  onSaved?: (customer: Customer) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCustomerLabels();
  const can = useCan();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerFormValues>();
  const customFields = useCustomFields("customer");
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const duplicates = useDuplicateGate("customer");
  // The version this edit started from; a reload after a conflict moves it forward.
  const [base, setBase] = useState(customer);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);

  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === "version_conflict") {
      setConflict(true);
      return;
    }
    if (!applyServerErrors(form, error)) showError(error);
  };

  const onFinish = (values: CustomerFormValues) => {
    const done = (saved: Customer) => {
      message.success(t("common.saved"));
      onSaved?.(saved);
    };
    const custom = customFromForm(customFields.data ?? [], values.custom, base?.custom);
    if (base) {
      update.mutate(
        { id: base.id, body: { ...toUpdateInput(values, base.version), custom } },
        { onSuccess: done, onError },
      );
    } else {
      const input = { ...toCreateInput(values), custom };
      duplicates.gate(input, () => create.mutate(input, { onSuccess: done, onError }));
    }
  };

  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...customerQueryOptions(base.id), staleTime: 0 });
      setBase(fresh);
      form.resetFields();
      form.setFieldsValue(toFormValues(fresh));
      setConflict(false);
    } catch (error) {
      showError(error);
    } finally {
      setReloading(false);
    }
  };

  // Choices are the list's active values, plus an archived one the customer still holds.
  const keeping = (field: "industry" | "size" | "level" | "source" | "lifecycleStage") =>
    labels.lists[field].optionsKeeping([base?.[field]]);
  const half = { xs: 24, md: 12 };
  return (
    <Form<CustomerFormValues>
      form={form}
      name="customer"
      layout="vertical"
      initialValues={
        base ? toFormValues(base) : { ...emptyCustomerForm, lifecycleStage: labels.options.stage[0]?.value }
      }
      onFinish={onFinish}
      onValuesChange={onEdit}
      scrollToFirstError
      // The app says what is wrong under the field; the browser's bubble would cover it.
      noValidate
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t("errors.versionConflict")}
          action={
            <Button size="small" onClick={reload} loading={reloading} data-testid="customer-reload">
              {t("common.reload")}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item
            label={t("customers.fields.name")}
            name="name"
            rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
          >
            <Input data-testid="customer-name" maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.kind")} name="kind">
            <Radio.Group optionType="button" options={labels.options.kind} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.lifecycleStage")} name="lifecycleStage">
            <Select options={keeping("lifecycleStage")} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.industry")} name="industry">
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={keeping("industry")} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.size")} name="size">
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={keeping("size")} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.level")} name="level">
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={keeping("level")} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.source")} name="source">
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={keeping("source")} />
          </Form.Item>
        </Col>
        <Col {...half}>
          {/* An existing customer changes hands by transfer or release, which keep a reason in the history. */}
          <Form.Item
            label={t("customers.fields.ownerId")}
            name="ownerId"
            extra={customer ? t("customers.ownerByTransfer") : undefined}
          >
            <OwnerSelect
              disabled={Boolean(customer)}
              placeholder={t("customers.ownerDefault")}
              current={base?.ownerId ? { id: base.ownerId, name: base.ownerName ?? base.ownerId } : null}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.tags")} name="tags">
            {/* Users allowed to (tags: create) may type a new tag; the server adds it to the list. */}
            <Select
              mode={can("tags", "create") ? "tags" : "multiple"}
              tokenSeparators={[",", "，"]}
              options={labels.lists.tags.optionsKeeping(base?.tags ?? [])}
              optionFilterProp="label"
              // Someone who may not add tags is told where they come from, not "No data".
              notFoundContent={
                can("tags", "create") ? undefined : (
                  <span data-testid="customer-tags-none">{t("customers.tagsFromList")}</span>
                )
              }
              data-testid="customer-tags"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.fields.phone")} name="phone">
            <Input type="tel" autoComplete="tel" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t("customers.fields.email")}
            name="email"
            rules={[{ type: "email", message: t("validation.email") }]}
          >
            <Input type="email" autoComplete="email" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t("customers.fields.website")} name="website">
            <Input inputMode="url" placeholder="https://" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.address.country")} name={["address", "country"]}>
            <Input autoComplete="country-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.address.region")} name={["address", "region"]}>
            <Input autoComplete="address-level1" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.address.city")} name={["address", "city"]}>
            <Input autoComplete="address-level2" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("customers.address.postalCode")} name={["address", "postalCode"]}>
            <Input autoComplete="postal-code" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t("customers.address.street")} name={["address", "street"]}>
            <Input autoComplete="street-address" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t("customers.fields.notes")} name="notes">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </Col>
      </Row>
      <CustomFieldInputs objectType="customer" saved={base?.custom} />
      {duplicates.warning}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending || duplicates.checking}
          disabled={conflict}
          data-testid="customer-save"
        >
          {t("common.save")}
        </Button>
      </Flex>
    </Form>
  );
}
