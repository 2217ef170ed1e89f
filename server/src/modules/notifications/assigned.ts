import { eq } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import type { Actor } from "../../platform/permissions.ts";
import { users } from "../users/table.ts";
import { notify } from "./service.ts";

/**
 * Notices of work landing on someone else: a task assigned to them, customers transferred to them,
 * a record's team they joined. Each is written by the caller in the transaction of the change, so an
 * undone change leaves none; the text is kind + params, rendered by the web app in the reader's
 * language. Nobody is told about what they did themselves.
 */

/** Who did it, as the recipient knows them (null for the system, which has no user row). */
async function actorName(db: Executor, actor: Actor): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  return row?.name ?? null;
}

/**
 * A task given to someone on create or by reassignment. `version` is the task's version after the
 * write: one notice per assignment, however often a retried request reaches here.
 */
export async function notifyTaskAssigned(
  db: Executor,
  actor: Actor,
  task: { id: string; title: string; assigneeId: string; version: number },
): Promise<void> {
  if (task.assigneeId === actor.userId) return;
  await notify(db, {
    organizationId: actor.organizationId,
    userId: task.assigneeId,
    kind: "taskAssigned",
    params: { title: task.title, by: await actorName(db, actor) },
    link: { type: "task", id: task.id },
    dedupeKey: `task-assigned:${task.id}:${task.version}`,
  });
}

export type GivenCustomer = { id: string; name: string; version: number };

/**
 * Customers transferred to one person: one notice however many (a bulk transfer of 37 is one line in
 * the bell, opening their customer list), naming the customer when there is one. `version` is each
 * customer's version after the transfer, so the key names this transfer and no other.
 */
export async function notifyCustomersGiven(
  db: Executor,
  actor: Actor,
  to: string | null,
  given: GivenCustomer[],
  reason: string | null,
): Promise<void> {
  const [first] = given;
  if (!first || !to || to === actor.userId) return;
  const by = await actorName(db, actor);
  const base = { organizationId: actor.organizationId, userId: to, body: null };
  if (given.length === 1) {
    await notify(db, {
      ...base,
      kind: "customerTransferred",
      params: { name: first.name, by, reason },
      link: { type: "customer", id: first.id },
      dedupeKey: `customer-transferred:${first.id}:${first.version}`,
    });
    return;
  }
  await notify(db, {
    ...base,
    kind: "customersTransferred",
    params: { count: given.length, by, reason },
    // The web app opens the customer list filtered by this owner.
    link: { type: "customersOwnedBy", id: to },
    dedupeKey: `customers-transferred:${to}:${first.id}:${first.version}`,
  });
}

/**
 * A colleague joined a record's team, or was raised from read to write; lowering access tells
 * nobody. `since` is when the membership row was created: leaving and joining again is a new notice.
 */
export async function notifyTeamMember(
  db: Executor,
  actor: Actor,
  share: {
    entityType: string;
    recordId: string;
    recordName: string;
    userId: string;
    before: "read" | "write" | null;
    access: "read" | "write";
    since: Date;
  },
): Promise<void> {
  if (share.userId === actor.userId) return;
  if (share.before !== null && !(share.before === "read" && share.access === "write")) return;
  await notify(db, {
    organizationId: actor.organizationId,
    userId: share.userId,
    kind: share.before === null ? "teamMemberAdded" : "teamAccessRaised",
    params: { name: share.recordName, access: share.access, by: await actorName(db, actor), type: share.entityType },
    link: { type: share.entityType, id: share.recordId },
    dedupeKey: `team:${share.entityType}:${share.recordId}:${share.userId}:${share.since.toISOString()}:${share.access}`,
  });
}
