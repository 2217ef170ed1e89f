import { App, Form, Input, Select, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/FormActions";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { type Department, useCreateDepartment, useDepartments, useUpdateDepartment, useUsers } from "./api";
import { buildDepartmentTree, subtreeIds } from "./departmentTree";

interface DepartmentFormValues {
  name: string;
  parentId?: string;
  managerId?: string;
}

/** New department (no `department`) or rename / move / set manager of one. */
export function DepartmentForm({
  department,
  defaultParentId,
  onDone,
  onCancel,
}: {
  department?: Department;
  defaultParentId?: string;
  onDone: (saved: Department) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<DepartmentFormValues>();
  const departments = useDepartments();
  const users = useUsers();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const all = departments.data ?? [];
  // A department cannot move under itself or one of its own sub-departments.
  const blocked = department ? subtreeIds(all, department.id) : new Set<string>();

  // The create dialog and the editor of the selected department can be open together.
  const testId = department ? "department-edit" : "department";

  const onFinish = (values: DepartmentFormValues) => {
    const body = { name: values.name.trim(), parentId: values.parentId ?? null, managerId: values.managerId ?? null };
    const callbacks = {
      onSuccess: (saved: Department) => {
        message.success(t("common.saved"));
        onDone(saved);
      },
      onError: (error: unknown) => {
        if (isApiError(error) && error.code === "version_conflict") message.error(t("errors.versionConflict"));
        else if (!applyServerErrors(form, error)) showError(error);
      },
    };
    if (department) update.mutate({ id: department.id, body: { ...body, version: department.version } }, callbacks);
    else create.mutate(body, callbacks);
  };

  return (
    <Form<DepartmentFormValues>
      // Remount when another department is selected or this one changes on the server.
      key={department ? `${department.id}:${department.version}` : "new"}
      form={form}
      name="department"
      layout="vertical"
      initialValues={{
        name: department?.name ?? "",
        parentId: department ? (department.parentId ?? undefined) : defaultParentId,
        managerId: department?.managerId ?? undefined,
      }}
      onFinish={onFinish}
    >
      <Form.Item
        label={t("admin.departments.name")}
        name="name"
        rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
      >
        <Input data-testid={`${testId}-name`} />
      </Form.Item>
      <Form.Item label={t("admin.departments.parent")} name="parentId" extra={t("admin.departments.parentHint")}>
        <TreeSelect allowClear treeDefaultExpandAll treeData={buildDepartmentTree(all, { disabledIds: blocked })} />
      </Form.Item>
      <Form.Item label={t("admin.departments.manager")} name="managerId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          loading={users.isLoading}
          options={(users.data ?? [])
            .filter((user) => user.active)
            .map((user) => ({ value: user.id, label: user.name }))}
        />
      </Form.Item>
      <FormActions onCancel={onCancel} saving={create.isPending || update.isPending} saveTestId={`${testId}-save`} />
    </Form>
  );
}
