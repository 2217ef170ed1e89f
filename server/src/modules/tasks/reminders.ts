import { and, eq, getTableColumns, isNull, min, notInArray, sql } from "drizzle-orm";
import { actorOfUser } from "../../platform/auth/actor.ts";
import type { Executor } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import { jobs } from "../../platform/jobs/table.ts";
import type { Actor } from "../../platform/permissions.ts";
import { notify } from "../notifications/service.ts";
import { hideUnseenRelatedNames, relatedNameColumn } from "./related.ts";
import { tasks } from "./table.ts";

type ReminderPayload = { taskId: string; remindAt: string };
type RemindedTask = typeof tasks.$inferSelect & { relatedName: string | null };

/**
 * The name of the record a task is about, as its assignee may read it: null when their scope does
 * not cover that record (or their role has no access to its kind at all), so a reminder never
 * reveals what the assignee could not open.
 */
async function relatedNameSeenBy(db: Executor, task: RemindedTask, userId: string): Promise<string | null> {
  if (task.relatedName === null) return null;
  const actor = await actorOfUser(db, userId);
  if (!actor) return null;
  try {
    const [shown] = await hideUnseenRelatedNames(db, actor, [task]);
    return shown?.relatedName ?? null;
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  }
}

/**
 * A task's reminder: at remindAt, an in-app notification to whoever is the assignee then, saying
 * when the task is due and what it is about. The task is the truth: a reminder whose task was
 * changed, finished or trashed since does nothing.
 */
export const taskReminderJob = defineJob<ReminderPayload>({
  queue: "task-reminder",
  maxAttempts: 10,
  async handle({ db, payload }) {
    const [task] = await db
      .select({ ...getTableColumns(tasks), relatedName: relatedNameColumn() })
      .from(tasks)
      .where(eq(tasks.id, payload.taskId));
    if (!task || task.deletedAt || !task.ownerId || task.remindAt?.toISOString() !== payload.remindAt) return;
    if (task.status === "done" || task.status === "cancelled") return;
    const relatedName = await relatedNameSeenBy(db, task, task.ownerId);
    await notify(db, {
      organizationId: task.organizationId,
      userId: task.ownerId,
      kind: "taskReminder",
      params: {
        title: task.title,
        dueAt: task.dueAt?.toISOString() ?? null,
        allDay: task.allDay ? 1 : 0,
        relatedType: relatedName === null ? null : task.relatedType,
        relatedName,
      },
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

/**
 * The caller's next reminder still to fire: a pending reminder job of a live, open task assigned to
 * them, at the task's current reminder time (a job left by a moved reminder does not count). Looked
 * for from a minute ago (one due but not yet run: its runner is a poll behind) to 10 minutes ahead,
 * beyond the bell's own 30 s poll: a narrow range of the pending-jobs index, cheap to ask on every
 * poll of every open page, however many tasks and jobs there are.
 */
export async function nextReminderAt(db: Executor, actor: Actor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(jobs.runAt) })
    .from(jobs)
    .innerJoin(tasks, sql`${tasks.id} = (${jobs.payload}->>'taskId')::uuid`)
    .where(
      and(
        eq(jobs.queue, taskReminderJob.queue),
        isNull(jobs.completedAt),
        isNull(jobs.failedAt),
        sql`${jobs.runAt} > now() - interval '1 minute'`,
        sql`${jobs.runAt} <= now() + interval '10 minutes'`,
        eq(tasks.remindAt, jobs.runAt),
        eq(tasks.organizationId, actor.organizationId),
        eq(tasks.ownerId, actor.userId),
        isNull(tasks.deletedAt),
        notInArray(tasks.status, ["done", "cancelled"]),
      ),
    );
  return row?.at ?? null;
}
