import { App, Col, Form, Input, Modal, Row, Select, Switch, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../../app/i18n";
import { FormActions } from "../../components/FormActions";
import { type GuardedFormProps, useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { applyServerErrors } from "../../lib/formErrors";
import { type User, useCreateUser, useDepartments, useRoles, useUpdateUser, useUsers } from "./api";
import { buildDepartmentTree } from "./departmentTree";

interface UserFormValues {
  name: string;
  email: string;
  password?: string;
  locale: "zh-CN" | "en";
  departmentId?: string;
  managerId?: string;
  roleIds: string[];
  isAdmin: boolean;
  active: boolean;
}

/** Create (with a password) or edit a user; `user` absent means create. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  // A new user's name, email and password typed: closing or leaving asks first.
  const guard = useDiscardGuard(onClose);
  return (
    <Modal
      open={open}
      title={user ? t("admin.users.editTitle", { name: user.name }) : t("admin.users.newTitle")}
      onCancel={guard.close}
      footer={null}
      destroyOnHidden
      width={640}
    >
      {open && <UserForm user={user} onCancel={guard.close} onEdit={guard.markDirty} onDone={guard.done} />}
    </Modal>
  );
}

function UserForm({ user, onCancel, onEdit, onDone }: { user?: User } & GuardedFormProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<UserFormValues>();
  const users = useUsers();
  const departments = useDepartments();
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();

  const initialValues: Partial<UserFormValues> = user
    ? {
        name: user.name,
        email: user.email,
        locale: user.locale,
        departmentId: user.departmentId ?? undefined,
        managerId: user.managerId ?? undefined,
        roleIds: user.roleIds,
        isAdmin: user.isAdmin,
        active: user.active,
      }
    : { locale: i18n.resolvedLanguage === "en" ? "en" : "zh-CN", roleIds: [], isAdmin: false, active: true };

  const callbacks = {
    onSuccess: () => {
      message.success(t("common.saved"));
      onDone();
    },
    onError: (error: unknown) => {
      if (!applyServerErrors(form, error)) showError(error);
    },
  };

  const onFinish = (values: UserFormValues) => {
    const shared = {
      name: values.name.trim(),
      locale: values.locale,
      departmentId: values.departmentId ?? null,
      managerId: values.managerId ?? null,
      roleIds: values.roleIds,
      isAdmin: values.isAdmin,
    };
    if (user) {
      const body = { ...shared, version: user.version, active: values.active };
      update.mutate({ id: user.id, body: values.password ? { ...body, password: values.password } : body }, callbacks);
    } else {
      create.mutate({ ...shared, email: values.email.trim(), password: values.password ?? "" }, callbacks);
    }
  };

  const managerOptions = (users.data ?? [])
    .filter((candidate) => candidate.id !== user?.id && candidate.active)
    .map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.email})` }));
  const half = { xs: 24, sm: 12 };

  return (
    <Form<UserFormValues>
      form={form}
      name="user"
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={onEdit}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            label={t("admin.users.name")}
            name="name"
            rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
          >
            <Input data-testid="user-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t("admin.users.email")}
            name="email"
            rules={[{ required: true, type: "email", message: t("validation.email") }]}
          >
            <Input data-testid="user-email" disabled={Boolean(user)} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={user ? t("admin.users.newPassword") : t("admin.users.password")}
            name="password"
            extra={user ? t("admin.users.newPasswordHint") : t("validation.passwordHint")}
            rules={[{ required: !user, min: 8, message: t("validation.passwordMin") }]}
          >
            <Input.Password data-testid="user-password" autoComplete="new-password" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("admin.users.locale")} name="locale">
            <Select options={LANGUAGES.map((language) => ({ value: language.value, label: language.label }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("admin.users.department")} name="departmentId">
            <TreeSelect
              allowClear
              treeDefaultExpandAll
              loading={departments.isLoading}
              treeData={buildDepartmentTree(departments.data ?? [])}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("admin.users.manager")} name="managerId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              loading={users.isLoading}
              options={managerOptions}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t("admin.users.roles")} name="roleIds">
            <Select
              mode="multiple"
              allowClear
              loading={roles.isLoading}
              options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t("admin.users.isAdmin")}
            name="isAdmin"
            valuePropName="checked"
            extra={t("admin.users.isAdminHint")}
          >
            <Switch />
          </Form.Item>
        </Col>
        {user && (
          <Col {...half}>
            <Form.Item
              label={t("admin.users.active")}
              name="active"
              valuePropName="checked"
              extra={t("admin.users.activeHint")}
            >
              <Switch />
            </Form.Item>
          </Col>
        )}
      </Row>
      <FormActions onCancel={onCancel} saving={create.isPending || update.isPending} saveTestId="user-save" />
    </Form>
  );
}
