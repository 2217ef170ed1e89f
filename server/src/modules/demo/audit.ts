import { diffRecords } from "../../platform/audit.ts";
import { newId } from "../../platform/db/columns.ts";
import type { auditLog } from "../../platform/db/platform.table.ts";
import { contactAuditedFields } from "../contacts/service.ts";
import { followUpAuditedFields } from "../follow-ups/service.ts";
import { taskAuditedFields } from "../tasks/service.ts";
import type { NewContact } from "./contacts.ts";
import type { NewCustomer } from "./customers.ts";
import type { NewFollowUp } from "./follow-ups.ts";
import type { NewTask } from "./tasks.ts";

type AuditRow = typeof auditLog.$inferInsert;
type Created = { id: string; organizationId: string; createdAt: Date; createdBy?: string | null };

const customerFields = ["name", "kind", "industry", "lifecycleStage", "ownerId"] as const;

/** A record's "create" entry as defineResource writes it: the fields it was given, by its creator. */
function created(entityType: string, row: Created, fields: readonly string[]): AuditRow {
  const values = row as unknown as Record<string, unknown>;
  return {
    id: newId(),
    organizationId: row.organizationId,
    entityType,
    entityId: row.id,
    action: "create",
    actorId: row.createdBy ?? null,
    at: row.createdAt,
    changes: diffRecords(null, values, fields).filter(
      (change) => change.to !== null && !(Array.isArray(change.to) && change.to.length === 0),
    ),
  };
}

/** The history a customer would have had: created by its owner, and trashed for the few in the trash. */
function customerEntries(customer: NewCustomer): AuditRow[] {
  const entries = [created("customer", customer, customerFields)];
  if (customer.deletedAt) {
    entries.push({
      id: newId(),
      organizationId: customer.organizationId,
      entityType: "customer",
      entityId: customer.id,
      action: "delete",
      actorId: customer.deletedBy ?? null,
      at: customer.deletedAt,
      changes: [],
    });
  }
  return entries;
}

/** A task's creation, and for a finished one its assignee marking it done. */
function taskEntries(task: NewTask): AuditRow[] {
  if (!task.completedAt) return [created("task", task, taskAuditedFields)];
  const done: AuditRow = {
    id: newId(),
    organizationId: task.organizationId,
    entityType: "task",
    entityId: task.id,
    action: "update",
    actorId: task.ownerId,
    at: task.completedAt,
    changes: [{ field: "status", from: "open", to: "done" }],
  };
  const opened: NewTask = { ...task, status: "open" };
  return [created("task", opened, taskAuditedFields), done];
}

/** The audit log of everything the demo inserts, so no record's history is empty. */
export function demoAuditEntries(records: {
  customers: NewCustomer[];
  contacts: NewContact[];
  followUps: NewFollowUp[];
  tasks: NewTask[];
}): AuditRow[] {
  return [
    ...records.customers.flatMap(customerEntries),
    ...records.contacts.map((contact) => created("contact", contact, contactAuditedFields)),
    ...records.followUps.map((followUp) => created("followUp", followUp, followUpAuditedFields)),
    ...records.tasks.flatMap(taskEntries),
  ];
}
