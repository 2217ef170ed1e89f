import { z } from "zod";
import { dateTimeInput, recordFields } from "../../platform/http.ts";
import { requiredLineText } from "../../platform/text.ts";

export const taskPriorities = ["low", "normal", "high", "urgent"] as const;
export const taskStatuses = ["open", "in_progress", "done", "cancelled"] as const;
/** Record types a task may be about; a module adds its type here when it checks its ids (see related.ts). */
export const relatedTypes = ["customer", "contact"] as const;
export const dueFilters = ["overdue", "today", "upcoming", "none"] as const;

const dateTime = dateTimeInput.describe("ISO 8601 date-time");

const editableFields = {
  title: requiredLineText(300),
  description: z.string().trim().max(10_000).nullable(),
  dueAt: dateTime.nullable(),
  allDay: z.boolean().describe("Due on the day of dueAt (in the organization's time zone), no particular time"),
  priority: z.enum(taskPriorities),
  status: z.enum(taskStatuses),
  relatedType: z.enum(relatedTypes).nullable(),
  relatedId: z.uuid().nullable(),
  remindAt: dateTime.nullable().describe("When to remind the assignee in the app; before dueAt"),
  ownerId: z.uuid().nullable().describe("The assignee"),
};

export const taskCreateSchema = z
  .strictObject({
    ...editableFields,
    allDay: editableFields.allDay.default(false),
    priority: editableFields.priority.default("normal"),
    status: editableFields.status.default("open"),
  })
  .partial({ description: true, dueAt: true, relatedType: true, relatedId: true, remindAt: true, ownerId: true })
  .meta({ id: "TaskCreate" });

export const taskUpdateSchema = z
  .strictObject({ version: z.number().int().min(1), ...editableFields })
  .partial()
  .required({ version: true })
  .meta({ id: "TaskUpdate" });

export const taskSchema = z
  .object({
    ...recordFields,
    title: z.string(),
    description: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
    allDay: z.boolean(),
    priority: z.enum(taskPriorities),
    status: z.enum(taskStatuses),
    completedAt: z.iso.datetime().nullable(),
    relatedType: z.enum(relatedTypes).nullable(),
    relatedId: z.uuid().nullable(),
    relatedName: z.string().nullable().describe("The related record's name"),
    remindAt: z.iso.datetime().nullable(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    createdBy: z.uuid().nullable(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Task" });

const dueFilter = z
  .enum(dueFilters)
  .optional()
  .describe(
    "overdue: due before today and not finished; today; upcoming: after today; none: no due date. Days are the organization's time zone's",
  );

export const taskFiltersSchema = z.strictObject({
  ownerId: z.uuid().optional(),
  status: z.enum(taskStatuses).optional(),
  priority: z.enum(taskPriorities).optional(),
  relatedType: z.enum(relatedTypes).optional(),
  relatedId: z.uuid().optional(),
  due: dueFilter,
  open: z.stringbool().optional().describe("true lists only open and in-progress tasks"),
});

export const myTasksQuerySchema = z.strictObject({
  due: dueFilter,
  status: z.enum(taskStatuses).optional(),
  open: z.stringbool().optional().describe("true lists only open and in-progress tasks"),
  delegated: z
    .stringbool()
    .optional()
    .describe("true lists the tasks the caller created for others, instead of the caller's own"),
});

export type TaskCreate = z.output<typeof taskCreateSchema>;
export type TaskUpdate = z.output<typeof taskUpdateSchema>;
export type TaskFilters = z.output<typeof taskFiltersSchema>;
export type Task = z.output<typeof taskSchema>;
