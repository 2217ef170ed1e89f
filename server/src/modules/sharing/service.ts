import { and, asc, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import type { Executor, Transaction } from "../../platform/db/client.ts";
import { invalidReference, notFound, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { BaseRow, defineResource } from "../../platform/resource.ts";
import { notifyTeamMember } from "../notifications/assigned.ts";
import { users } from "../users/table.ts";
import { recordShares, type ShareAccess } from "./table.ts";

/** What sharing needs of a record type: its permission module (= object type) and its resource. */
export type Shareable = {
  objectType: string;
  entityType: string;
  resource: Pick<
    ReturnType<typeof defineResource<BaseRow, never, { version: number }>>,
    "get" | "findWritable" | "requirePermission"
  >;
};

export type Member = { userId: string; userName: string; access: ShareAccess; createdAt: Date };

const ofRecord = (actor: Actor, target: Shareable, recordId: string) =>
  and(
    eq(recordShares.organizationId, actor.organizationId),
    eq(recordShares.objectType, target.objectType),
    eq(recordShares.recordId, recordId),
  );

/** The colleagues a record is shared with; whoever may see the record may see them. */
export async function listMembers(db: Executor, actor: Actor, target: Shareable, recordId: string): Promise<Member[]> {
  await target.resource.get(db as never, actor, recordId);
  return db
    .select({
      userId: recordShares.userId,
      userName: users.name,
      access: recordShares.access,
      createdAt: recordShares.createdAt,
    })
    .from(recordShares)
    .innerJoin(users, eq(users.id, recordShares.userId))
    .where(ofRecord(actor, target, recordId))
    .orderBy(asc(users.name));
}

/** Whoever may edit the record (its owner, a manager in scope, a read-write member) manages its members. */
async function lockForSharing(tx: Transaction, actor: Actor, target: Shareable, recordId: string) {
  target.resource.requirePermission(actor, "edit");
  return target.resource.findWritable(tx, actor, recordId);
}

async function currentAccess(tx: Transaction, actor: Actor, target: Shareable, recordId: string, userId: string) {
  const [row] = await tx
    .select({ access: recordShares.access })
    .from(recordShares)
    .where(and(ofRecord(actor, target, recordId), eq(recordShares.userId, userId)));
  return row?.access ?? null;
}

/** How a member shows in the record's history ("sharedWith"). */
export const memberLabel = (name: string, access: ShareAccess) => `${name} (${access})`;

async function auditShare(
  tx: Transaction,
  actor: Actor,
  target: Shareable,
  recordId: string,
  name: string,
  from: ShareAccess | null,
  to: ShareAccess | null,
) {
  const label = (access: ShareAccess | null) => (access ? memberLabel(name, access) : null);
  await writeAudit(tx, actor, {
    entityType: target.entityType,
    entityId: recordId,
    action: "update",
    changes: [{ field: "sharedWith", from: label(from), to: label(to) }],
  });
}

/** Adds a member or changes their access; the member must be an active user of the organization. */
export async function setMember(
  tx: Transaction,
  actor: Actor,
  target: Shareable,
  recordId: string,
  userId: string,
  access: ShareAccess,
): Promise<void> {
  const record = await lockForSharing(tx, actor, target, recordId);
  const [user] = await tx
    .select({ name: users.name, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, actor.organizationId)));
  if (!user) throw invalidReference("userId", "is not a user of this organization");
  if (!user.active) throw invalidReference("userId", "is a deactivated user");
  if (record.ownerId === userId) throw validationFailed("userId", "is the owner, who has full access");
  const before = await currentAccess(tx, actor, target, recordId, userId);
  if (before === access) return;
  const [share] = await tx
    .insert(recordShares)
    .values({
      organizationId: actor.organizationId,
      objectType: target.objectType,
      recordId,
      userId,
      access,
      createdBy: actor.userId,
    })
    .onConflictDoUpdate({
      target: [recordShares.organizationId, recordShares.objectType, recordShares.recordId, recordShares.userId],
      set: { access },
    })
    .returning({ createdAt: recordShares.createdAt });
  await auditShare(tx, actor, target, recordId, user.name, before, access);
  // Joining (or being raised to write) is news to the member; told in this transaction.
  await notifyTeamMember(tx, actor, {
    entityType: target.entityType,
    recordId,
    recordName: (record as { name?: string }).name ?? "",
    userId,
    before,
    access,
    since: share?.createdAt ?? new Date(),
  });
}

export async function removeMember(
  tx: Transaction,
  actor: Actor,
  target: Shareable,
  recordId: string,
  userId: string,
): Promise<void> {
  await lockForSharing(tx, actor, target, recordId);
  const removed = await tx
    .delete(recordShares)
    .where(and(ofRecord(actor, target, recordId), eq(recordShares.userId, userId)))
    .returning({ access: recordShares.access });
  const before = removed[0]?.access;
  if (!before) throw notFound("Member");
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  await auditShare(tx, actor, target, recordId, user?.name ?? userId, before, null);
}
