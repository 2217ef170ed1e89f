import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Empty, Flex, Spin, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCursorStack } from "../../lib/useCursorStack";
import { useFormat } from "../../lib/useFormat";
import { useCan } from "../auth/session";
import { type MyTasksQuery, type Task, useMyTasks, useTask, useUpdateTask } from "./api";
import { TaskFormDrawer } from "./TaskFormDrawer";

const TABS = ["today", "overdue", "upcoming", "all"] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 50;
const priorityColors = { low: "default", normal: "blue", high: "orange", urgent: "red" } as const;

/** The caller's own tasks: today, overdue, upcoming or all; ?task=<id> opens one (a notification's link). */
export function MyTasksPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get("tab")) ?? "today";
  const openTaskId = params.get("task") ?? undefined;
  const [creating, setCreating] = useState(false);
  const query: MyTasksQuery = tab === "all" ? { sort: "dueAt" } : { due: tab, sort: "dueAt" };
  const paging = useCursorStack(tab);
  const list = useMyTasks({ ...query, limit: PAGE_SIZE, cursor: paging.cursor });
  const opened = useTask(openTaskId);

  const setParam = (key: string, value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("tasks.title")}
        extra={
          can("tasks", "create") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
              {t("tasks.new")}
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam("tab", key === "today" ? undefined : key)}
          items={TABS.map((key) => ({ key, label: t(`tasks.tabs.${key}`) }))}
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : list.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin aria-label={t("common.loading")} />
          </Flex>
        ) : list.data.data.length === 0 ? (
          <Empty description={t(`tasks.empty.${tab}`)} />
        ) : (
          <Flex vertical role="list" aria-busy={list.isFetching} data-testid="task-list">
            {list.data.data.map((task) => (
              <TaskRow key={task.id} task={task} onOpen={() => setParam("task", task.id)} />
            ))}
          </Flex>
        )}
        {(paging.hasPrevious || list.data?.nextCursor) && (
          <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
            <Button disabled={!paging.hasPrevious} onClick={paging.previous}>
              {t("common.previous")}
            </Button>
            <Button
              disabled={!list.data?.nextCursor}
              onClick={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
            >
              {t("common.next")}
            </Button>
          </Flex>
        )}
      </Card>
      <TaskFormDrawer open={creating} onClose={() => setCreating(false)} />
      <TaskFormDrawer
        open={Boolean(openTaskId && opened.data)}
        task={opened.data}
        onClose={() => setParam("task", undefined)}
      />
    </Flex>
  );
}

function TaskRow({ task, onOpen }: { task: Task; onOpen: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const format = useFormat();
  const update = useUpdateTask();
  const done = task.status === "done";
  const overdue = !done && task.status !== "cancelled" && task.dueAt !== null && new Date(task.dueAt) < new Date();

  const toggle = (checked: boolean) =>
    update.mutate(
      { id: task.id, body: { version: task.version, status: checked ? "done" : "open" } },
      { onError: (error) => message.error(describe(error)) },
    );

  return (
    <Flex role="listitem" gap={12} align="flex-start" style={{ padding: "10px 0", borderBottom: "1px solid #f0f0f0" }}>
      <Checkbox
        checked={done}
        disabled={update.isPending}
        onChange={(e) => toggle(e.target.checked)}
        aria-label={t(done ? "tasks.reopen" : "tasks.complete", { title: task.title })}
        data-testid="task-complete"
        style={{ marginTop: 2 }}
      />
      <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Typography.Link
          onClick={onOpen}
          delete={done}
          ellipsis
          style={{ color: done ? undefined : "inherit", fontWeight: 500 }}
          data-testid="task-title-link"
        >
          {task.title}
        </Typography.Link>
        <Flex wrap gap={6} align="center">
          {task.dueAt && (
            <Typography.Text type={overdue ? "danger" : "secondary"} style={{ fontSize: 12 }}>
              {t("tasks.due", { when: task.allDay ? format.date(task.dueAt) : format.dateTime(task.dueAt) })}
            </Typography.Text>
          )}
          {task.priority !== "normal" && (
            <Tag color={priorityColors[task.priority]} style={{ marginInlineEnd: 0 }}>
              {t(`tasks.priority.${task.priority}`)}
            </Tag>
          )}
          {task.status === "in_progress" && <Tag style={{ marginInlineEnd: 0 }}>{t("tasks.status.in_progress")}</Tag>}
          {task.relatedType === "customer" && task.relatedId && (
            <Link to={`/customers/${task.relatedId}`} style={{ fontSize: 12 }}>
              {task.relatedName ?? t("tasks.fields.related")}
            </Link>
          )}
          {task.remindAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("tasks.remindsAt", { when: format.dateTime(task.remindAt) })}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Flex>
  );
}
