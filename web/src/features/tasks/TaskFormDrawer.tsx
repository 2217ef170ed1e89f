import { Alert, App, Col, Drawer, Form, Grid, Input, Row, Select, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/FormActions";
import { FormDatePicker, readableDateRule } from "../../components/FormDatePicker";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { applyServerErrors } from "../../lib/formErrors";
import { useOrgTime } from "../../lib/orgTime";
import { ContactPicker } from "../contacts/ContactPicker";
import { CustomerPicker } from "../contacts/CustomerPicker";
import { OwnerSelect } from "../customers/OwnerSelect";
import {
  RELATED_TYPES,
  type RelatedType,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  useCreateTask,
  useUpdateTask,
} from "./api";
import {
  newTaskForm,
  remindsTooLate,
  type TaskFormValues,
  toCreateInput,
  toFormValues,
  toUpdateInput,
} from "./taskForm";

interface TaskFormDrawerProps {
  open: boolean;
  /** The task to edit; absent for a new one. */
  task?: Task;
  /** The record a new task is about, when it is started from that record's page. */
  related?: RelatedRecord;
  /** The page opened it by a history entry of its own (?task=<id>): Back leaves that entry to close it. */
  openedByUrl?: boolean;
  onClose: () => void;
}

/** New and edit task form; fills the screen on phones. */
export function TaskFormDrawer({ open, task, related, openedByUrl, onClose }: TaskFormDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // On a phone the drawer is the whole screen: Back closes it rather than leaving the page under it.
  const guard = useDiscardGuard(onClose, { backCloses: open && !screens.md && !openedByUrl, openedByUrl });
  return (
    <Drawer
      open={open}
      onClose={guard.close}
      size={screens.md ? 560 : "100%"}
      title={task ? t("tasks.editTitle") : t("tasks.newTitle")}
      destroyOnHidden
    >
      {open && (
        <TaskForm
          // Another task starts a new form: the one open edits only the task it names.
          key={task?.id ?? "new"}
          task={task}
          related={related}
          onCancel={guard.close}
          onDone={guard.done}
          onEdit={guard.markDirty}
        />
      )}
    </Drawer>
  );
}

type RelatedRecord = { type: RelatedType; id: string; name: string };

function TaskForm({
  task,
  related,
  onCancel,
  onDone,
  onEdit,
}: {
  task?: Task;
  related?: RelatedRecord;
  onCancel: () => void;
  onDone: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { timeZone } = useOrgTime();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<TaskFormValues>();
  const create = useCreateTask();
  const update = useUpdateTask();
  const [conflict, setConflict] = useState(false);
  const allDay = Form.useWatch("allDay", form);
  const initialValues = task ? toFormValues(task, timeZone) : newTaskForm(related);
  const relatedType: RelatedType = Form.useWatch("relatedType", form) ?? initialValues.relatedType;
  // The record the task is about now, named before any search has run.
  const known =
    task?.relatedType && task.relatedId
      ? {
          type: task.relatedType,
          id: task.relatedId,
          name: task.relatedName ?? t(`tasks.unseenRelated.${task.relatedType}`),
        }
      : related;
  const currentRelated = (type: RelatedType) => (known?.type === type ? known : null);

  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === "version_conflict") setConflict(true);
    else if (!applyServerErrors(form, error)) showError(error);
  };
  const onSuccess = () => {
    message.success(t("common.saved"));
    onDone();
  };
  const onFinish = (values: TaskFormValues) => {
    if (task)
      update.mutate({ id: task.id, body: toUpdateInput(values, task.version, timeZone) }, { onSuccess, onError });
    else create.mutate(toCreateInput(values, timeZone), { onSuccess, onError });
  };

  const half = { xs: 24, md: 12 };
  return (
    <Form<TaskFormValues>
      form={form}
      name="task"
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={(changed) => {
        onEdit();
        // Another type of record: the one picked before is not one of these.
        if ("relatedType" in changed) form.setFieldValue("relatedId", null);
      }}
      scrollToFirstError
      // The app says what is wrong under the field; the browser's bubble would cover it.
      noValidate
    >
      {conflict && (
        <Alert type="warning" showIcon role="alert" title={t("errors.versionConflict")} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item
            label={t("tasks.fields.title")}
            name="title"
            rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
          >
            <Input maxLength={300} data-testid="task-title" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("tasks.fields.dueAt")} name="dueAt" rules={[readableDateRule(t, !allDay)]}>
            <FormDatePicker
              style={{ width: "100%" }}
              showTime={allDay ? false : { format: "HH:mm" }}
              format={allDay ? "YYYY-MM-DD" : "YYYY-MM-DD HH:mm"}
              aria-label={t("tasks.fields.dueAt")}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("tasks.fields.allDay")} name="allDay" valuePropName="checked">
            <Switch aria-label={t("tasks.fields.allDay")} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("tasks.fields.priority")} name="priority">
            <Select
              aria-label={t("tasks.fields.priority")}
              options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("tasks.fields.status")} name="status">
            <Select
              aria-label={t("tasks.fields.status")}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={t("tasks.fields.remindAt")}
            name="remindAt"
            extra={t("tasks.remindHint")}
            dependencies={["dueAt", "allDay"]}
            rules={[
              readableDateRule(t, true),
              ({ getFieldsValue }) => ({
                validator: () =>
                  remindsTooLate(getFieldsValue(["dueAt", "allDay", "remindAt"]))
                    ? Promise.reject(new Error(t("tasks.remindBeforeDue")))
                    : Promise.resolve(),
              }),
            ]}
          >
            <FormDatePicker
              style={{ width: "100%" }}
              showTime={{ format: "HH:mm" }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t("tasks.fields.remindAt")}
              data-testid="task-remind-at"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t("tasks.fields.ownerId")} name="ownerId">
            <OwnerSelect
              aria-label={t("tasks.fields.ownerId")}
              placeholder={t("tasks.assigneeDefault")}
              current={task?.ownerId ? { id: task.ownerId, name: task.ownerName ?? task.ownerId } : null}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t("tasks.fields.relatedType")} name="relatedType">
            <Select
              aria-label={t("tasks.fields.relatedType")}
              options={RELATED_TYPES.map((type) => ({ value: type, label: t(`tasks.relatedTypes.${type}`) }))}
              data-testid="task-related-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label={t(`tasks.relatedTypes.${relatedType}`)} name="relatedId">
            {relatedType === "contact" ? (
              <ContactPicker aria-label={t("tasks.relatedTypes.contact")} current={currentRelated("contact")} />
            ) : (
              <CustomerPicker aria-label={t("tasks.relatedTypes.customer")} current={currentRelated("customer")} />
            )}
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t("tasks.fields.description")} name="description">
            <Input.TextArea rows={3} maxLength={10_000} />
          </Form.Item>
        </Col>
      </Row>
      <FormActions onCancel={onCancel} saving={create.isPending || update.isPending} saveTestId="task-save" />
    </Form>
  );
}
