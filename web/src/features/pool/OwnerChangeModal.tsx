import { AutoComplete, Form, Input, Modal, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { closableUnless } from "../../components/busyModal";
import type { GuardedFormProps } from "../../components/useDiscardGuard";
import { OwnerSelect } from "../customers/OwnerSelect";

export type OwnerChange = { reason: string; ownerId?: string };

const REASONS = ["noBudget", "unreachable", "notInterested", "duplicate", "reassigned"] as const;

/**
 * Asks why (and for a transfer, to whom) an owner changes: release to the pool or transfer, for
 * one customer or a bulk selection. The reason is free text, with common ones offered.
 */
export function OwnerChangeModal({
  mode,
  open,
  subject,
  onCancel,
  onEdit,
  onSubmit,
  busy,
  children,
  currentOwnerId,
}: {
  mode: "release" | "transfer";
  open: boolean;
  /** What changes owner, e.g. the customer's name or "12 selected". */
  subject: string;
  /** Done, the caller closes the dialog without asking (its useDiscardGuard's done). */
  onSubmit: (change: OwnerChange) => Promise<unknown>;
  /** Submitted and still running: the OK button waits. */
  busy?: boolean;
  /** Shown under the form, e.g. a bulk change's progress. */
  children?: ReactNode;
  /** One customer's owner: transferring to them changes nothing, so the field says so. */
  currentOwnerId?: string | null;
} & Pick<GuardedFormProps, "onCancel" | "onEdit">) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OwnerChange>();
  return (
    <Modal
      open={open}
      title={t(`pool.${mode}.title`)}
      okText={t(`pool.${mode}.ok`)}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      // Invalid fields show their own messages and the caller shows a failed change's error: the
      // dialog stays open either way, with nothing left to handle.
      onOk={() =>
        form
          .validateFields()
          .then((values) => onSubmit(values).then(() => form.resetFields()))
          .catch(() => undefined)
      }
      okButtonProps={{ loading: busy, ...{ "data-testid": "owner-change-ok" } }}
      {...closableUnless(busy)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{subject}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onValuesChange={onEdit}>
        {mode === "transfer" && (
          <Form.Item
            name="ownerId"
            label={t("pool.transfer.to")}
            rules={[
              { required: true, message: t("pool.required") },
              {
                validator: (_, value) =>
                  value && value === currentOwnerId
                    ? Promise.reject(new Error(t("pool.transfer.sameOwner")))
                    : Promise.resolve(),
              },
            ]}
          >
            <OwnerSelect allowClear={false} placeholder={t("pool.transfer.to")} data-testid="transfer-owner" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t("pool.reason")}
          rules={[{ required: true, whitespace: true, message: t("pool.required") }, { max: 500 }]}
        >
          <AutoComplete
            options={REASONS.map((r) => ({ value: t(`pool.reasons.${r}`) }))}
            // Only matching suggestions: a reason of one's own closes the list instead of hiding the buttons.
            filterOption={(typed, option) =>
              String(option?.value ?? "")
                .toLowerCase()
                .includes(typed.toLowerCase())
            }
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="owner-change-reason" />
          </AutoComplete>
        </Form.Item>
      </Form>
      {children}
    </Modal>
  );
}
