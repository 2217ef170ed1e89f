import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { users } from "../users/table.ts";
import type { ReclaimRuleName } from "./schema.ts";

/** Why a customer is in the pool and whose it was: what a rep weighs before claiming it. */
export type PoolContext = {
  releaseReason: string | null;
  reclaimRule: ReclaimRuleName | null;
  previousOwnerId: string | null;
  previousOwnerName: string | null;
};

/** A customer created without an owner: nothing took one away. */
export const noPoolContext: PoolContext = {
  releaseReason: null,
  reclaimRule: null,
  previousOwnerId: null,
  previousOwnerName: null,
};

const changeTo = (changes: { field: string; from: unknown; to: unknown }[], field: string) =>
  changes.find((c) => c.field === field);

/**
 * The pool context of owner-less customers, from the audit entry that took each one's owner away
 * (ownership.ts writes the owner, the reason and, for a reclaim, the rule in one entry): the latest
 * such entry of each customer, read along the audit log's entity index. A customer created without
 * an owner has none.
 */
export async function poolContexts(db: Executor, organizationId: string, ids: string[]) {
  const found = new Map<string, PoolContext>();
  if (ids.length === 0) return found;
  const entries = await db
    .selectDistinctOn([auditLog.entityId], { customerId: auditLog.entityId, changes: auditLog.changes })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organizationId),
        eq(auditLog.entityType, "customer"),
        inArray(auditLog.entityId, ids),
        sql`${auditLog.changes} @> '[{"field":"ownerId","to":null}]'::jsonb`,
      ),
    )
    .orderBy(auditLog.entityId, desc(auditLog.at), desc(auditLog.id));
  const ownerIds = [
    ...new Set(entries.map((e) => changeTo(e.changes, "ownerId")?.from).filter((id) => typeof id === "string")),
  ];
  const names = new Map(
    ownerIds.length === 0
      ? []
      : (
          await db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(and(eq(users.organizationId, organizationId), inArray(users.id, ownerIds)))
        ).map((u) => [u.id, u.name]),
  );
  for (const { customerId, changes } of entries) {
    const from = changeTo(changes, "ownerId")?.from;
    const previousOwnerId = typeof from === "string" ? from : null;
    const rule = changeTo(changes, "reclaimRule")?.to;
    const reason = changeTo(changes, "reason")?.to;
    found.set(customerId, {
      // An automatic reclaim's reason is the system's ("auto reclaim"): its rule says why.
      releaseReason: rule === undefined && typeof reason === "string" ? reason : null,
      reclaimRule: rule === "noFollowUp" || rule === "noDeal" ? rule : null,
      previousOwnerId,
      previousOwnerName: previousOwnerId ? (names.get(previousOwnerId) ?? null) : null,
    });
  }
  return found;
}
