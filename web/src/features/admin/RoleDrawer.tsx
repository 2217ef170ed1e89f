import { App, Drawer, Form, Grid, Input } from "antd";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/FormActions";
import { type GuardedFormProps, useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { type Role, useCreateRole, useModules, useUpdateRole } from "./api";
import { PermissionMatrix } from "./PermissionMatrix";
import type { Permissions } from "./permissions";

interface RoleFormValues {
  name: string;
  description?: string;
  permissions: Permissions;
}

/** Create or edit a role: its name and the permission matrix. */
export function RoleDrawer({ open, role, onClose }: { open: boolean; role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // A permission matrix half filled in: closing or leaving asks first. Below lg the drawer fills
  // the screen, so Back closes it there.
  const guard = useDiscardGuard(onClose, { backCloses: open && !screens.lg });
  return (
    <Drawer
      open={open}
      onClose={guard.close}
      size={screens.lg ? 960 : "100%"}
      title={role ? t("admin.roles.editTitle", { name: role.name }) : t("admin.roles.newTitle")}
      destroyOnHidden
    >
      {open && <RoleForm role={role} onCancel={guard.close} onEdit={guard.markDirty} onDone={guard.done} />}
    </Drawer>
  );
}

function RoleForm({ role, onCancel, onEdit, onDone }: { role?: Role } & GuardedFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<RoleFormValues>();
  const modules = useModules();
  const create = useCreateRole();
  const update = useUpdateRole();

  const onFinish = (values: RoleFormValues) => {
    const body = {
      name: values.name.trim(),
      description: values.description?.trim() || null,
      permissions: values.permissions,
    };
    const callbacks = {
      onSuccess: () => {
        message.success(t("common.saved"));
        onDone();
      },
      onError: (error: unknown) => {
        if (isApiError(error) && error.code === "version_conflict") message.error(t("errors.versionConflict"));
        else if (!applyServerErrors(form, error)) showError(error);
      },
    };
    if (role) update.mutate({ id: role.id, body: { ...body, version: role.version } }, callbacks);
    else create.mutate(body, callbacks);
  };

  return (
    <Form<RoleFormValues>
      form={form}
      name="role"
      layout="vertical"
      initialValues={{
        name: role?.name ?? "",
        description: role?.description ?? "",
        permissions: role?.permissions ?? {},
      }}
      onFinish={onFinish}
      onValuesChange={onEdit}
    >
      <Form.Item
        label={t("admin.roles.name")}
        name="name"
        rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
      >
        <Input data-testid="role-name" />
      </Form.Item>
      <Form.Item label={t("admin.roles.description")} name="description">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label={t("admin.roles.permissions")} name="permissions" extra={t("admin.roles.permissionsHint")}>
        <PermissionMatrix modules={modules.data ?? []} loading={modules.isLoading} />
      </Form.Item>
      <FormActions onCancel={onCancel} saving={create.isPending || update.isPending} saveTestId="role-save" />
    </Form>
  );
}
