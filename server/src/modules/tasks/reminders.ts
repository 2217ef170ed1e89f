import { eq } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import { notify } from "../notifications/service.ts";
import { tasks } from "./table.ts";

type ReminderPayload = { taskId: string; remindAt: string };

/**
 * A task's reminder: at remindAt, an in-app notification to whoever is the assignee then. The task
 * is the truth: a reminder whose task was changed, finished or trashed since does nothing.
 */
export const taskReminderJob = defineJob<ReminderPayload>({
  queue: "task-reminder",
  maxAttempts: 10,
  async handle({ db, payload }) {
    const [task] = await db.select().from(tasks).where(eq(tasks.id, payload.taskId));
    if (!task || task.deletedAt || !task.ownerId || task.remindAt?.toISOString() !== payload.remindAt) return;
    if (task.status === "done" || task.status === "cancelled") return;
    await notify(db, {
      organizationId: task.organizationId,
      userId: task.ownerId,
      kind: "taskReminder",
      params: { title: task.title, dueAt: task.dueAt?.toISOString() ?? null, allDay: task.allDay ? 1 : 0 },
      link: { type: "task", id: task.id },
      // One notification per reminder time, however often the job runs.
      dedupeKey: `task-reminder:${task.id}:${payload.remindAt}`,
    });
  },
});

/** Schedules the reminder of a task in the caller's transaction (a time already scheduled is not doubled). */
export async function scheduleReminder(
  tx: Executor,
  task: { id: string; organizationId: string; remindAt: Date },
): Promise<void> {
  const remindAt = task.remindAt.toISOString();
  await taskReminderJob.enqueue(tx, {
    key: `${task.id}@${remindAt}`,
    payload: { taskId: task.id, remindAt },
    runAt: task.remindAt,
    organizationId: task.organizationId,
  });
}
