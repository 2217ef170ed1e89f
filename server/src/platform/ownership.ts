import { and, eq } from "drizzle-orm";
import { users } from "../modules/users/table.ts";
import type { Executor } from "./db/client.ts";
import { forbidden, invalidReference } from "./errors.ts";
import { type Actor, can } from "./permissions.ts";

/**
 * Decides a record's owner and, from the owner, its department. A new record belongs to its
 * creator unless the caller may transfer; giving a record to someone else needs "transfer".
 */
export async function resolveOwnership(
  tx: Executor,
  actor: Actor,
  module: string,
  requested: string | null | undefined,
  current: { ownerId: string | null; departmentId: string | null } | null,
): Promise<{ ownerId: string | null; departmentId: string | null } | Record<string, never>> {
  if (requested === undefined) {
    if (current) return {};
    requested = actor.userId;
  }
  const unchanged = current ? requested === current.ownerId : requested === actor.userId;
  if (!unchanged && !can(actor, module, "transfer")) {
    throw forbidden("Giving a record to another owner needs the transfer permission");
  }
  if (requested === null) return { ownerId: null, departmentId: null };
  const [owner] = await tx
    .select({ departmentId: users.departmentId, active: users.active })
    .from(users)
    .where(and(eq(users.id, requested), eq(users.organizationId, actor.organizationId)));
  if (!owner) throw invalidReference("ownerId", "is not a user of this organization");
  if (!owner.active && !unchanged) throw invalidReference("ownerId", "is a deactivated user");
  return { ownerId: requested, departmentId: owner.departmentId };
}
