import type { Dayjs } from "dayjs";
import { fromWallClock, toWallClock } from "../../lib/orgTime";
import type { RelatedType, Task, TaskCreateInput, TaskPriority, TaskStatus, TaskUpdateInput } from "./api";

export type TaskFormValues = {
  title: string;
  description?: string;
  dueAt: Dayjs | null;
  allDay: boolean;
  priority: TaskPriority;
  status: TaskStatus;
  ownerId?: string | null;
  relatedType: RelatedType;
  relatedId?: string | null;
  remindAt: Dayjs | null;
};

export const emptyTaskForm: TaskFormValues = {
  title: "",
  dueAt: null,
  allDay: false,
  priority: "normal",
  status: "open",
  relatedType: "customer",
  remindAt: null,
};

/** A new task's values; about a record when it is started from that record's page. */
export function newTaskForm(related?: { type: RelatedType; id: string }): TaskFormValues {
  return related ? { ...emptyTaskForm, relatedType: related.type, relatedId: related.id } : emptyTaskForm;
}

// The pickers hold the organization's wall clock (lib/orgTime); `timeZone` is the organization's.
// An all-day task is due by the end of its day: it counts as today all day and overdue after.
const dueInstant = (v: TaskFormValues, timeZone?: string) =>
  v.dueAt ? fromWallClock(v.allDay ? v.dueAt.endOf("day") : v.dueAt.second(0).millisecond(0), timeZone) : null;

/**
 * A reminder at or after the due time, as the server refuses it (remindAt before dueAt), checked in
 * the form before sending: an all-day task is due by the end of its day. Both are wall-clock values
 * of one clock, so they compare as they are; a missing or unreadable one is left to other rules.
 */
export function remindsTooLate(v: Pick<TaskFormValues, "dueAt" | "allDay" | "remindAt">): boolean {
  if (!v.dueAt?.isValid() || !v.remindAt?.isValid()) return false;
  const due = v.allDay ? v.dueAt.endOf("day") : v.dueAt.second(0).millisecond(0);
  return !v.remindAt.second(0).millisecond(0).isBefore(due);
}

export function toFormValues(task: Task, timeZone?: string): TaskFormValues {
  return {
    title: task.title,
    description: task.description ?? undefined,
    dueAt: task.dueAt ? toWallClock(task.dueAt, timeZone) : null,
    allDay: task.allDay,
    priority: task.priority,
    status: task.status,
    ownerId: task.ownerId,
    relatedType: task.relatedType ?? "customer",
    relatedId: task.relatedId,
    remindAt: task.remindAt ? toWallClock(task.remindAt, timeZone) : null,
  };
}

function common(v: TaskFormValues, timeZone?: string) {
  const relatedId = v.relatedId ?? null;
  return {
    title: v.title.trim(),
    description: v.description?.trim() || null,
    dueAt: dueInstant(v, timeZone),
    allDay: v.allDay,
    priority: v.priority,
    status: v.status,
    relatedType: relatedId ? v.relatedType : null,
    relatedId,
    remindAt: v.remindAt ? fromWallClock(v.remindAt.second(0).millisecond(0), timeZone) : null,
  };
}

export function toCreateInput(v: TaskFormValues, timeZone?: string): TaskCreateInput {
  return { ...common(v, timeZone), ...(v.ownerId ? { ownerId: v.ownerId } : {}) };
}

export function toUpdateInput(v: TaskFormValues, version: number, timeZone?: string): TaskUpdateInput {
  return { ...common(v, timeZone), ownerId: v.ownerId ?? null, version };
}
