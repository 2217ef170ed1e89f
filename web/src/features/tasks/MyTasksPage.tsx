import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { useCursorStack } from "../../lib/useCursorStack";
import { useCan } from "../auth/session";
import { type MyTasksQuery, useMyTasks, useTask } from "./api";
import { DueFollowUpsCard } from "./DueFollowUpsCard";
import { TaskFormDrawer } from "./TaskFormDrawer";
import { TaskList } from "./TaskList";

const TABS = ["today", "overdue", "upcoming", "all", "delegated"] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 50;

/**
 * The caller's own tasks: today, overdue, upcoming or all; ?task=<id> opens one (a notification's
 * link). Above them, their customers whose next follow-up is due.
 */
export function MyTasksPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get("tab")) ?? "today";
  const openTaskId = params.get("task") ?? undefined;
  const [creating, setCreating] = useState(false);
  const query: MyTasksQuery =
    tab === "all"
      ? { sort: "dueAt" }
      : tab === "delegated"
        ? { delegated: "true", sort: "dueAt" }
        : { due: tab, sort: "dueAt" };
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
      <DueFollowUpsCard />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam("tab", key === "today" ? undefined : key)}
          items={TABS.map((key) => ({ key, label: t(`tasks.tabs.${key}`) }))}
        />
        <TaskList
          list={list}
          paging={paging}
          empty={t(`tasks.empty.${tab}`)}
          onOpen={(task) => setParam("task", task.id)}
          showOwner={tab === "delegated"}
        />
      </Card>
      <TaskFormDrawer open={creating} onClose={() => setCreating(false)} />
      <TaskFormDrawer
        open={Boolean(openTaskId && opened.data)}
        task={opened.data}
        openedByUrl
        onClose={() => setParam("task", undefined)}
      />
    </Flex>
  );
}
