import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { recordColumns, trashColumns } from "../../platform/db/columns.ts";
import { departments } from "../departments/table.ts";
import { users } from "../users/table.ts";

const time = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

/** A task (任务): something someone (the owner, i.e. assignee) has to do, maybe by a time, maybe about a record. */
export const tasks = pgTable(
  "tasks",
  {
    ...recordColumns(),
    title: text("title").notNull(),
    description: text("description"),
    dueAt: time("due_at"),
    /** Sorting key for "by due date": the due time, or far in the future for tasks without one (keyset paging needs no nulls). */
    dueOrder: time("due_order").notNull(),
    allDay: boolean("all_day").notNull().default(false),
    priority: text("priority").notNull().default("normal"),
    status: text("status").notNull().default("open"),
    completedAt: time("completed_at"),
    /** The record the task is about: a type name (customer, contact, …) and its id. */
    relatedType: text("related_type"),
    relatedId: uuid("related_id"),
    remindAt: time("remind_at"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "set null" }),
    createdBy: uuid("created_by"),
    ...trashColumns(),
  },
  (t) => [
    index("tasks_org_updated_idx").on(t.organizationId, t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("tasks_org_created_idx").on(t.organizationId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("tasks_org_due_idx").on(t.organizationId, t.dueOrder, t.id).where(sql`deleted_at is null`),
    index("tasks_org_owner_due_idx").on(t.organizationId, t.ownerId, t.dueOrder).where(sql`deleted_at is null`),
    index("tasks_org_department_idx").on(t.organizationId, t.departmentId),
    index("tasks_related_idx").on(t.organizationId, t.relatedType, t.relatedId),
    index("tasks_org_deleted_idx").on(t.organizationId, t.deletedAt).where(sql`deleted_at is not null`),
  ],
);
