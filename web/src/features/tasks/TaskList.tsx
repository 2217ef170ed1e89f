import type { UseQueryResult } from "@tanstack/react-query";
import { Checkbox, Empty, Flex, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useShowError } from "../../components/useShowError";
import type { useCursorStack } from "../../lib/useCursorStack";
import { useFormat } from "../../lib/useFormat";
import { relatedPath, type Task, useUpdateTask } from "./api";

const priorityColors = { low: "default", normal: "blue", high: "orange", urgent: "red" } as const;

interface TaskListProps {
  list: UseQueryResult<{ data: Task[]; nextCursor: string | null }>;
  paging: ReturnType<typeof useCursorStack>;
  empty: string;
  onOpen: (task: Task) => void;
  /** Link each task to the record it is about; off on that record's own page. */
  showRelated?: boolean;
  /** Name each task's assignee; off where they are all the caller's. */
  showOwner?: boolean;
}

/** A page of tasks, each completed with its checkbox and opened by its title, with Previous/Next. */
export function TaskList({ list, paging, empty, onOpen, showRelated = true, showOwner = false }: TaskListProps) {
  const { t } = useTranslation();
  return (
    <>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin aria-label={t("common.loading")} />
        </Flex>
      ) : list.data.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <Flex vertical role="list" aria-busy={list.isFetching} data-testid="task-list">
          {list.data.data.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              onOpen={() => onOpen(task)}
              showRelated={showRelated}
              showOwner={showOwner}
            />
          ))}
        </Flex>
      )}
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} />
    </>
  );
}

type TaskRowProps = { task: Task; onOpen: () => void; showRelated: boolean; showOwner: boolean };

function TaskRow({ task, onOpen, showRelated, showOwner }: TaskRowProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const format = useFormat();
  const update = useUpdateTask();
  const done = task.status === "done";
  const overdue = !done && task.status !== "cancelled" && task.dueAt !== null && new Date(task.dueAt) < new Date();

  const toggle = (checked: boolean) =>
    update.mutate(
      { id: task.id, body: { version: task.version, status: checked ? "done" : "open" } },
      { onError: showError },
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
          {showRelated &&
            task.relatedType &&
            task.relatedId &&
            (task.relatedName === null ? (
              // The assignee linked a record the caller may not see: no name, no link.
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`tasks.unseenRelated.${task.relatedType}`)}
              </Typography.Text>
            ) : (
              <Link to={relatedPath(task.relatedType, task.relatedId)} style={{ fontSize: 12 }}>
                {task.relatedName}
              </Link>
            ))}
          {task.ownerName && showOwner && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.ownerName}
            </Typography.Text>
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
