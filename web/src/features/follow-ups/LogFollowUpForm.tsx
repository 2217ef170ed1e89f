import { Alert, App, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/FormActions";
import { FormDatePicker, readableDateRule } from "../../components/FormDatePicker";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { useOrgTime } from "../../lib/orgTime";
import { ContactPicker } from "../contacts/ContactPicker";
import { FOLLOW_UP_KINDS, type FollowUp, useCreateFollowUp, useCustomerContacts, useUpdateFollowUp } from "./api";
import { toFormValues, toUpdateInput, type FollowUpFormValues as Values } from "./followUpForm";
import { followUpKindIcons } from "./kinds";

interface LogFollowUpFormProps {
  /** The customer it is about; null for people with no customer, then it is about its contacts. */
  customerId: string | null;
  /** The customer's name, shown where the form is not on the customer's own page. */
  customerName?: string | null;
  /** The people it involved, ticked at the start (logging from a contact's page). */
  contacts?: { id: string; name: string }[];
  /** The follow-up to edit, as just read (its version guards the save); absent to log a new one. */
  followUp?: FollowUp;
  /** Saved: the opener closes the form without asking. */
  onDone: () => void;
  /** Cancel: the opener closes the form, asking first if something was typed (useDiscardGuard). */
  onCancel: () => void;
  /** The user changed a field: what the opener's discard guard asks about. */
  onEdit: () => void;
}

/**
 * "Log follow-up": what happened with this customer (or these people), and when to follow up next.
 * Given a follow-up, the same form edits it.
 */
export function LogFollowUpForm({
  customerId,
  customerName,
  contacts = [],
  followUp: opened,
  onDone,
  onCancel,
  onEdit,
}: LogFollowUpFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateFollowUp();
  const update = useUpdateFollowUp();
  const [conflict, setConflict] = useState(false);
  // The follow-up as the form opened: a refetch behind the form must not move the version the save
  // checks, or it would overwrite a change the user never saw.
  const [followUp] = useState(opened);
  const customerContacts = useCustomerContacts(customerId);
  // The pickers read and write the organization's clock, like every time the app shows.
  const orgTime = useOrgTime();
  // One key per follow-up being written: a retried save (lost answer, double click) logs it once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const names = new Map(contacts.map((c) => [c.id, c.name]));

  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === "version_conflict") setConflict(true);
    else if (!applyServerErrors(form, error)) showError(error);
  };

  const save = (values: Values, saved: FollowUp) => {
    const body = toUpdateInput(values, saved, orgTime.timeZone);
    // Nothing changed: nothing to save, and no version to check.
    if (Object.keys(body).length === 1) return onDone();
    update.mutate(
      { id: saved.id, body, customerId: saved.customerId },
      {
        onSuccess: () => {
          message.success(t("followUps.updated"));
          onDone();
        },
        onError,
      },
    );
  };

  const log = (values: Values) =>
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
        onError,
      },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(values) => (followUp ? save(values, followUp) : log(values))}
      onValuesChange={onEdit}
      initialValues={
        followUp
          ? toFormValues(followUp, orgTime.timeZone)
          : { kind: "call", occurredAt: orgTime.now(), contactIds: contacts.map((c) => c.id) }
      }
      noValidate
      data-testid="follow-up-form"
    >
      {conflict && (
        <Alert type="warning" showIcon role="alert" title={t("errors.versionConflict")} style={{ marginBottom: 16 }} />
      )}
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
          <ContactPicker
            mode="multiple"
            current={contacts[0]}
            // The picker names one record before a search; editing, the others are named here.
            labelRender={({ label, value }) => label ?? names.get(String(value)) ?? value}
            data-testid="follow-up-contacts-picker"
          />
        </Form.Item>
      ) : (
        customerContacts.isSuccess &&
        customerContacts.data.data.length > 0 && (
          <Form.Item name="contactIds" label={t("followUps.fields.contactIds")}>
            <Select
              mode="multiple"
              options={customerContacts.data.data.map((contact) => ({ value: contact.id, label: contact.name }))}
              labelRender={({ label, value }) => label ?? names.get(String(value)) ?? value}
              optionFilterProp="label"
            />
          </Form.Item>
        )
      )}
      <FormActions onCancel={onCancel} saving={create.isPending || update.isPending} saveTestId="follow-up-save" />
    </Form>
  );
}
