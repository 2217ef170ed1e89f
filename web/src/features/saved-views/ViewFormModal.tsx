import { Form, Input, Modal, Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { GuardedFormProps } from "../../components/useDiscardGuard";
import { useCan } from "../auth/session";
import type { SavedView } from "./api";

export interface ViewFormValues {
  name: string;
  visibility: "private" | "organization";
}

/** Name and sharing of a new view (saved from the list as it is) or of the open one. */
export function ViewFormModal({
  open,
  initial,
  saving,
  onSave,
  onCancel,
  onEdit,
}: {
  open: boolean;
  initial?: SavedView;
  saving: boolean;
  /** Saved, the opener closes the dialog without asking (its useDiscardGuard's done). */
  onSave: (values: ViewFormValues) => void;
} & Pick<GuardedFormProps, "onCancel" | "onEdit">) {
  const { t } = useTranslation();
  const can = useCan();
  const [form] = Form.useForm<ViewFormValues>();
  const mayShare = can("sharedViews", "create") || initial?.visibility === "organization";

  return (
    <Modal
      open={open}
      title={initial ? t("savedViews.editTitle") : t("savedViews.newTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<ViewFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: initial?.name ?? "", visibility: initial?.visibility ?? "private" }}
        onFinish={(values) => onSave({ ...values, name: values.name.trim() })}
        onValuesChange={onEdit}
      >
        <Form.Item name="name" label={t("savedViews.name")} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="view-name" />
        </Form.Item>
        <Form.Item
          name="visibility"
          label={t("savedViews.visibility")}
          // Said under the choice, not in a tooltip: a phone has no hover to show one.
          extra={mayShare ? undefined : t("savedViews.shareNotAllowed")}
        >
          <Radio.Group
            options={[
              { value: "private", label: t("savedViews.private") },
              { value: "organization", label: t("savedViews.organization"), disabled: !mayShare },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
