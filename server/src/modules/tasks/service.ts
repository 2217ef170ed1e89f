import { and, eq, gte, isNull, lt, notInArray, or, type SQL, sql } from "drizzle-orm";
import { newId } from "../../platform/db/columns.ts";
import { validationFailed } from "../../platform/errors.ts";
import { resolveOwnership } from "../../platform/ownership.ts";
import { type Access, type Actor, scopeCondition } from "../../platform/permissions.ts";
import { defineResource } from "../../platform/resource.ts";
import { likePattern } from "../../platform/search.ts";
import { ownsCustomer } from "../customers/service.ts";
import { notifyTaskAssigned } from "../notifications/assigned.ts";
import { users } from "../users/table.ts";
import { checkRelatedRecord, hideUnseenRelatedNames, type RelatedType, relatedNameColumn } from "./related.ts";
import { scheduleReminder } from "./reminders.ts";
import type { Task, TaskCreate, TaskFilters, TaskUpdate } from "./schema.ts";
import { tasks } from "./table.ts";

export type TaskRow = typeof tasks.$inferSelect & { ownerName: string | null; relatedName: string | null };

export const taskAuditedFields = [
  "title",
  "description",
  "dueAt",
  "allDay",
  "priority",
  "status",
  "relatedType",
  "relatedId",
  "remindAt",
  "ownerId",
  "departmentId",
] as const satisfies readonly (keyof TaskRow)[];

/** Tasks without a due date sort after every dated one. */
const NO_DUE_DATE = new Date("9999-12-31T00:00:00.000Z");
const finished = ["done", "cancelled"];

const toDate = (value: string | null | undefined) => (value == null ? value : new Date(value));

/**
 * A task about a customer or a contact goes with that record's team members, at their share's access
 * (ids are unique across tables, so the related id alone tells which record it is).
 */
const sharedThrough = [
  { module: "customers", id: tasks.relatedId },
  { module: "contacts", id: tasks.relatedId },
];

/**
 * The tasks a user may see (and, with "write", change): those their data scope covers, and those
 * they created, so a task assigned to a colleague stays in view of whoever asked for it. A customer's
 * owner also reads the tasks about it, whoever they are assigned to, as with its follow-ups.
 */
export function taskScope(actor: Actor, access: Access = "read"): SQL | undefined {
  const columns = { ownerId: tasks.ownerId, departmentId: tasks.departmentId, id: tasks.id, sharedThrough };
  const scope = scopeCondition(actor, "tasks", columns, access);
  if (!scope) return scope;
  const mine = or(scope, eq(tasks.createdBy, actor.userId));
  return access === "read" ? or(mine, ownsCustomer(actor, tasks.relatedId)) : mine;
}

export const taskResource = defineResource<TaskRow, TaskCreate, TaskUpdate>({
  module: "tasks",
  entityType: "task",
  label: "Task",
  table: tasks,
  scope: taskScope,
  extraColumns: {
    ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${tasks.ownerId})`.as(
      "owner_name",
    ),
    relatedName: relatedNameColumn().as("related_name"),
  },
  present: hideUnseenRelatedNames,
  auditedFields: taskAuditedFields,
  sorts: {
    dueAt: { column: tasks.dueOrder, kind: "date" },
    createdAt: { column: tasks.createdAt, kind: "date" },
    updatedAt: { column: tasks.updatedAt, kind: "date" },
  },
  search: (q) => sql`lower(${tasks.title}) like ${likePattern(q)}`,
  async toValues(tx, actor, input, current) {
    const { ownerId, dueAt, remindAt, ...fields } = input as TaskCreate & Partial<TaskUpdate>;
    delete (fields as { version?: number }).version;
    const due = dueAt === undefined ? (current?.dueAt ?? null) : toDate(dueAt);
    const remind = remindAt === undefined ? (current?.remindAt ?? null) : toDate(remindAt);
    if (due && remind && remind >= due) throw validationFailed("remindAt", "must be before the due time");
    const relatedType =
      fields.relatedType === undefined ? ((current?.relatedType ?? null) as RelatedType | null) : fields.relatedType;
    const relatedId = fields.relatedId === undefined ? (current?.relatedId ?? null) : fields.relatedId;
    // Only a new link is checked: the creator may edit a task whose assignee linked a record they cannot see.
    if (!current || relatedType !== current.relatedType || relatedId !== current.relatedId)
      await checkRelatedRecord(tx, actor, relatedType, relatedId);
    const ownership = await resolveOwnership(tx, actor, "tasks", ownerId, current);
    // A reminder goes to the assignee: setting one, or taking the assignee from one still to come,
    // would have it reach no one.
    const assignee = "ownerId" in ownership ? ownership.ownerId : current?.ownerId;
    const changed = remindAt !== undefined || ownerId !== undefined;
    if (changed && remind && remind.getTime() > Date.now() && !assignee)
      throw validationFailed("remindAt", "needs an assignee to remind");
    const values: Record<string, unknown> = { ...fields, ...ownership };
    if (dueAt !== undefined) Object.assign(values, { dueAt: due, dueOrder: due ?? NO_DUE_DATE });
    if (remindAt !== undefined) values.remindAt = remind;
    // completedAt follows the status: set when a task is finished, cleared when it is reopened.
    if (fields.status && fields.status !== current?.status) {
      values.completedAt = fields.status === "done" ? new Date() : null;
    }
    const id = current?.id ?? newId();
    if (!current) Object.assign(values, { id, createdBy: actor.userId, dueOrder: due ?? NO_DUE_DATE });
    // The reminder job is written in this transaction: saved together with the task, or not at all.
    // A time already gone is not scheduled: an edit that sends back a past reminder (a form showing
    // minutes, not seconds) would otherwise remind again at once.
    if (remind && remind.getTime() !== current?.remindAt?.getTime() && remind.getTime() > Date.now()) {
      await scheduleReminder(tx, { id, organizationId: actor.organizationId, remindAt: remind });
    }
    // A new assignee hears of an open task in this same transaction (an undone save tells no one).
    const status = fields.status ?? current?.status ?? "open";
    if (assignee && assignee !== current?.ownerId && !finished.includes(status)) {
      const title = fields.title ?? current?.title ?? "";
      const version = current ? current.version + 1 : 1;
      await notifyTaskAssigned(tx, actor, { id, title, assigneeId: assignee, version });
    }
    return values;
  },
});

// Day boundaries in the organization's own time zone, computed by PostgreSQL.
const orgZone = sql`(select o.time_zone from organizations o where o.id = ${tasks.organizationId})`;
const startOfToday = sql`(date_trunc('day', now() at time zone ${orgZone}) at time zone ${orgZone})`;
const startOfTomorrow = sql`((date_trunc('day', now() at time zone ${orgZone}) + interval '1 day') at time zone ${orgZone})`;

export function dueCondition(due: TaskFilters["due"]): SQL | undefined {
  switch (due) {
    case "overdue":
      return and(lt(tasks.dueAt, startOfToday), openStatusCondition());
    case "today":
      return and(gte(tasks.dueAt, startOfToday), lt(tasks.dueAt, startOfTomorrow));
    case "upcoming":
      return gte(tasks.dueAt, startOfTomorrow);
    case "none":
      return isNull(tasks.dueAt);
    default:
      return undefined;
  }
}

export function taskFilterConditions(f: TaskFilters): (SQL | undefined)[] {
  return [
    f.ownerId ? eq(tasks.ownerId, f.ownerId) : undefined,
    f.status ? eq(tasks.status, f.status) : undefined,
    f.priority ? eq(tasks.priority, f.priority) : undefined,
    f.relatedType ? eq(tasks.relatedType, f.relatedType) : undefined,
    f.relatedId ? eq(tasks.relatedId, f.relatedId) : undefined,
    dueCondition(f.due),
    f.open ? openStatusCondition() : undefined,
  ];
}

export const openStatusCondition = () => notInArray(tasks.status, finished);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function taskToApi(row: TaskRow): Task {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    title: row.title,
    description: row.description,
    dueAt: iso(row.dueAt),
    allDay: row.allDay,
    priority: row.priority,
    status: row.status,
    completedAt: iso(row.completedAt),
    relatedType: row.relatedType,
    relatedId: row.relatedId,
    relatedName: row.relatedName,
    remindAt: iso(row.remindAt),
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    createdBy: row.createdBy,
    deletedAt: iso(row.deletedAt),
  } as Task;
}
