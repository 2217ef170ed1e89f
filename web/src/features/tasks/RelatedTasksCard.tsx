import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Segmented } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCursorStack } from "../../lib/useCursorStack";
import { useCan } from "../auth/session";
import { type RelatedType, type Task, type TaskListQuery, useTaskList } from "./api";
import { TaskFormDrawer } from "./TaskFormDrawer";
import { TaskList } from "./TaskList";

const PAGE_SIZE = 20;
const SHOWN = ["open", "all"] as const;
type Shown = (typeof SHOWN)[number];

/** The card's list: the record's open tasks (or all), by due date, a page at a time. */
const relatedTasks = (type: RelatedType, id: string, shown: Shown, cursor?: string): TaskListQuery => ({
  relatedType: type,
  relatedId: id,
  open: shown === "open" ? "true" : undefined,
  sort: "dueAt",
  limit: PAGE_SIZE,
  cursor,
});

/** The first page of the record's open tasks, as the card shows them first (one query for both). */
export function useOpenRelatedTasks(type: RelatedType, id: string) {
  const can = useCan();
  return useTaskList(relatedTasks(type, id, "open"), { enabled: can("tasks", "view") });
}

interface RelatedTasksCardProps {
  type: RelatedType;
  record: { id: string; name: string; deletedAt: string | null };
}

/** The tasks about one record, open ones by due date (or all), and "New task" about it. */
export function RelatedTasksCard({ type, record }: RelatedTasksCardProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [shown, setShown] = useState<Shown>("open");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task>();
  const paging = useCursorStack(shown);
  const list = useTaskList(relatedTasks(type, record.id, shown, paging.cursor), { enabled: can("tasks", "view") });
  if (!can("tasks", "view")) return null;

  return (
    <Card
      title={t("tasks.card.title")}
      size="small"
      data-testid="related-tasks"
      extra={
        can("tasks", "create") &&
        record.deletedAt === null && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="related-task-new">
            {t("tasks.new")}
          </Button>
        )
      }
    >
      <Flex vertical gap={8}>
        <Segmented<Shown>
          aria-label={t("tasks.card.shown")}
          value={shown}
          onChange={setShown}
          options={SHOWN.map((value) => ({ value, label: t(`tasks.card.${value}`) }))}
          style={{ alignSelf: "flex-start" }}
        />
        <TaskList
          list={list}
          paging={paging}
          empty={t(`tasks.card.empty.${shown}`)}
          onOpen={setEditing}
          showRelated={false}
          showOwner
        />
      </Flex>
      <TaskFormDrawer
        open={creating}
        related={{ type, id: record.id, name: record.name }}
        onClose={() => setCreating(false)}
      />
      <TaskFormDrawer open={editing !== undefined} task={editing} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
