import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Flex, Form, Grid, Input, Row, Select } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomFieldInputs } from "../../components/custom-fields/CustomFieldInputs";
import { customFromForm } from "../../components/custom-fields/customForm";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { useCustomFields } from "../custom-fields/api";
import { OwnerSelect } from "../customers/OwnerSelect";
import { useDuplicateGate } from "../duplicates/useDuplicateGate";
import { type Contact, contactQueryOptions, useCreateContact, useUpdateContact } from "./api";
import { CustomerPicker } from "./CustomerPicker";
import { type ContactFormValues, emptyContactForm, toCreateInput, toFormValues, toUpdateInput } from "./contactForm";
import { useContactLabels } from "./labels";

interface ContactFormDrawerProps {
  open: boolean;
  /** The contact to edit; absent for a new one. */
  contact?: Contact;
  /** For a new contact: the customer it starts at (from the customer's page). */
  defaultCustomer?: { id: string; name: string };
  onClose: () => void;
  onSaved?: (contact: Contact) => void;
}

/** New and edit form in a drawer that fills the screen on phones. */
export function ContactFormDrawer({ open, contact, defaultCustomer, onClose, onSaved }: ContactFormDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // On a phone the drawer is the whole screen: Back closes it rather than leaving the page under it.
  const guard = useDiscardGuard(onClose, { backCloses: open && !screens.md });
  return (
    <Drawer
      open={open}
      onClose={guard.close}
      size={screens.md ? 720 : "100%"}
      title={contact ? t("contacts.editTitle", { name: contact.name }) : t("contacts.newTitle")}
      destroyOnHidden
    >
      {open && (
        <ContactForm
          // Another contact starts a new form: the one open edits only the contact it names.
          key={contact?.id ?? "new"}
          contact={contact}
          defaultCustomer={defaultCustomer}
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

function ContactForm({
  contact,
  defaultCustomer,
  onCancel,
  onEdit,
  onSaved,
}: {
  contact?: Contact;
  defaultCustomer?: { id: string; name: string };
  onCancel: () => void;
  /** Called on every edit the user makes (the drawer asks before discarding them). */
  onEdit: () => void;
  onSaved?: (contact: Contact) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useContactLabels();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ContactFormValues>();
  const customFields = useCustomFields("contact");
  const create = useCreateContact();
  const duplicates = useDuplicateGate("contact");
  const update = useUpdateContact();
  const [base, setBase] = useState(contact);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const customerId = Form.useWatch("customerId", form);

  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === "version_conflict") {
      setConflict(true);
      return;
    }
    if (!applyServerErrors(form, error)) showError(error);
  };

  const onFinish = (values: ContactFormValues) => {
    const done = (saved: Contact) => {
      message.success(t("common.saved"));
      onSaved?.(saved);
    };
    const custom = customFromForm(customFields.data ?? [], values.custom, base?.custom);
    if (base)
      update.mutate(
        { id: base.id, body: { ...toUpdateInput(values, base.version), custom } },
        { onSuccess: done, onError },
      );
    else {
      const input = { ...toCreateInput(values), custom };
      duplicates.gate(input, () => create.mutate(input, { onSuccess: done, onError }));
    }
  };

  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...contactQueryOptions(base.id), staleTime: 0 });
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

  const half = { xs: 24, md: 12 };
  const currentCustomer =
    base?.customerId && base.customerName
      ? { id: base.customerId, name: base.customerName }
      : (defaultCustomer ?? null);
  const removeButton = (onClick: () => void) => (
    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("contacts.remove")} onClick={onClick} />
  );

  return (
    <Form<ContactFormValues>
      form={form}
      name="contact"
      layout="vertical"
      initialValues={base ? toFormValues(base) : emptyContactForm(defaultCustomer?.id)}
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
            <Button size="small" onClick={reload} loading={reloading} data-testid="contact-reload">
              {t("common.reload")}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            label={labels.field("name")}
            name="name"
            rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
          >
            <Input data-testid="contact-name" maxLength={200} autoComplete="name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={labels.field("customerId")} name="customerId">
            <CustomerPicker current={currentCustomer} data-testid="contact-customer" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={labels.field("title")} name="title">
            <Input maxLength={200} autoComplete="organization-title" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={labels.field("department")} name="department">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={labels.field("buyingRole")} name="buyingRole">
            <Select allowClear options={labels.options.buyingRole} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={labels.field("birthday")} name="birthday">
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="isPrimary"
            valuePropName="checked"
            extra={customerId ? t("contacts.primaryHint") : undefined}
          >
            <Checkbox disabled={!customerId} data-testid="contact-primary">
              {labels.field("isPrimary")}
            </Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={labels.field("phones")} required={false}>
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, "label"]} noStyle>
                    <Select
                      options={labels.options.phoneLabel}
                      aria-label={labels.field("phoneLabel")}
                      style={{ width: 110 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "number"]} style={{ flex: 1, marginBottom: 0 }}>
                    <Input type="tel" autoComplete="tel" aria-label={labels.field("phoneNumber")} />
                  </Form.Item>
                  {removeButton(() => remove(field.name))}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: "mobile" })}>
                {t("contacts.addPhone")}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={labels.field("emails")}>
        <Form.List name="emails">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, "label"]} noStyle>
                    <Select
                      options={labels.options.emailLabel}
                      aria-label={labels.field("emailLabel")}
                      style={{ width: 110 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "address"]}
                    rules={[{ type: "email", message: t("validation.email") }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input type="email" autoComplete="email" aria-label={labels.field("emailAddress")} />
                  </Form.Item>
                  {removeButton(() => remove(field.name))}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: "work" })}>
                {t("contacts.addEmail")}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={labels.field("im")}>
        <Form.List name="im">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, "kind"]} noStyle>
                    <Select
                      options={labels.options.imKind}
                      aria-label={labels.field("imKind")}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "handle"]} style={{ flex: 1, marginBottom: 0 }}>
                    <Input aria-label={labels.field("imHandle")} maxLength={200} />
                  </Form.Item>
                  {removeButton(() => remove(field.name))}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "wechat" })}>
                {t("contacts.addIm")}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label={labels.field("ownerId")} name="ownerId">
            <OwnerSelect
              placeholder={t("contacts.ownerDefault")}
              current={base?.ownerId ? { id: base.ownerId, name: base.ownerName ?? base.ownerId } : null}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={labels.field("notes")} name="notes">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </Col>
      </Row>
      <CustomFieldInputs objectType="contact" saved={base?.custom} />
      {duplicates.warning}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending || duplicates.checking}
          disabled={conflict}
          data-testid="contact-save"
        >
          {t("common.save")}
        </Button>
      </Flex>
    </Form>
  );
}
