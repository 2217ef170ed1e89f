import { App, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/FormActions";
import { FormDatePicker, readableDateRule } from "../../components/FormDatePicker";
import { useErrorMessage } from "../../components/useErrorMessage";
import { applyServerErrors } from "../../lib/formErrors";
import { useOrgTime } from "../../lib/orgTime";
import { ContactPicker } from "../contacts/ContactPicker";
import { FOLLOW_UP_KINDS, type FollowUpKind, useCreateFollowUp, useCustomerContacts } from "./api";
import { followUpKindIcons } from "./kinds";

type Values = {
  kind: FollowUpKind;
  occurredAt: Dayjs;
  content: string;
  outcome?: string;
  nextFollowUpAt?: Dayjs | null;
  contactIds?: string[];
};

interface LogFollowUpFormProps {
  /** The customer it is about; null for people with no customer, then it is about its contacts. */
  customerId: string | null;
  /** The customer's name, shown where the form is not on the customer's own page. */
  customerName?: string | null;
  /** The people it involved, ticked at the start (logging from a contact's page). */
  contacts?: { id: string; name: string }[];
  /** Saved: the opener closes the form without asking. */
  onDone: () => void;
  /** Cancel: the opener closes the form, asking first if something was typed (useDiscardGuard). */
  onCancel: () => void;
  /** The user changed a field: what the opener's discard guard asks about. */
  onEdit: () => void;
}

/** "Log follow-up": what happened with this customer (or these people), and when to follow up next. */
export function LogFollowUpForm({
  customerId,
  customerName,
  contacts = [],
  onDone,
  onCancel,
  onEdit,
}: LogFollowUpFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const create = useCreateFollowUp();
  const customerContacts = useCustomerContacts(customerId);
  // The pickers read and write the organization's clock, like every time the app shows.
  const orgTime = useOrgTime();
  // One key per follow-up being written: a retried save (lost answer, double click) logs it once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const submit = (values: Values) =>
    create.mutate(
      {
        idempotencyKey,
        body: {
          // Without a customer the server takes the contacts' one, if they have one.
          ...(customerId ? { customerId } : {}),
          kind: values.kind,
          occurredAt: orgTime.fromPicker(values.occurredAt) ?? new Date().toISOString(),
          content: values.content,
          outcome: values.outcome?.trim() ? values.outcome : null,
          nextFollowUpAt: orgTime.fromPicker(values.nextFollowUpAt),
          contactIds: values.contactIds ?? [],
        },
      },
      {
        onSuccess: () => {
          message.success(t("followUps.logged"));
          setIdempotencyKey(crypto.randomUUID());
          form.resetFields();
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) message.error(describe(error));
        },
      },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={onEdit}
      initialValues={{ kind: "call", occurredAt: orgTime.now(), contactIds: contacts.map((c) => c.id) }}
      noValidate
      data-testid="follow-up-form"
    >
      <Form.Item name="kind" label={t("followUps.fields.kind")} rules={[{ required: true }]}>
        <Select
          data-testid="follow-up-kind"
          options={FOLLOW_UP_KINDS.map((kind) => ({
            value: kind,
            label: (
              <span>
                {followUpKindIcons[kind]} {t(`followUps.kind.${kind}`)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="occurredAt"
        label={t("followUps.fields.occurredAt")}
        rules={[{ required: true, message: t("validation.required") }, readableDateRule(t, true)]}
      >
        <FormDatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t("followUps.fields.content")}
        rules={[{ required: true, whitespace: true, message: t("followUps.contentRequired") }, { max: 10_000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="follow-up-content" />
      </Form.Item>
      <Form.Item name="outcome" label={t("followUps.fields.outcome")} rules={[{ max: 2_000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid="follow-up-outcome" />
      </Form.Item>
      <Form.Item
        name="nextFollowUpAt"
        label={t("followUps.fields.nextFollowUpAt")}
        dependencies={["occurredAt"]}
        rules={[
          readableDateRule(t, true),
          ({ getFieldValue }) => ({
            validator: (_rule, value: Dayjs | null | undefined) => {
              const occurredAt: Dayjs | undefined = getFieldValue("occurredAt");
              return !value?.isValid() || !occurredAt?.isValid() || value.isAfter(occurredAt)
                ? Promise.resolve()
                : Promise.reject(new Error(t("followUps.nextAfterOccurred")));
            },
          }),
        ]}
      >
        <FormDatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
      </Form.Item>
      {customerName && (
        <Form.Item label={t("followUps.fields.customer")}>
          <span data-testid="follow-up-customer">{customerName}</span>
        </Form.Item>
      )}
      {customerId === null ? (
        <Form.Item
          name="contactIds"
          label={t("followUps.fields.contactIds")}
          extra={t("followUps.loneHint")}
          rules={[{ required: true, type: "array", min: 1, message: t("followUps.contactsRequired") }]}
        >
          <ContactPicker mode="multiple" current={contacts[0]} data-testid="follow-up-contacts-picker" />
        </Form.Item>
      ) : (
        customerContacts.isSuccess &&
        customerContacts.data.data.length > 0 && (
          <Form.Item name="contactIds" label={t("followUps.fields.contactIds")}>
            <Select
              mode="multiple"
              options={customerContacts.data.data.map((contact) => ({ value: contact.id, label: contact.name }))}
              optionFilterProp="label"
            />
          </Form.Item>
        )
      )}
      <FormActions onCancel={onCancel} saving={create.isPending} saveTestId="follow-up-save" />
    </Form>
  );
}
