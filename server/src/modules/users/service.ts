import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import { invalidateActors } from "../../platform/auth/actor.ts";
import { hashPassword } from "../../platform/auth/secrets.ts";
import type { Database, Executor, Transaction } from "../../platform/db/client.ts";
import { AppError, forbidden, invalidReference, notFound } from "../../platform/errors.ts";
import { requireInOrganization, wouldCycle } from "../../platform/org-checks.ts";
import type { Actor } from "../../platform/permissions.ts";
import { sessions } from "../auth/table.ts";
import { departments } from "../departments/table.ts";
import { roles, userRoles } from "../roles/table.ts";
import type { User, UserCreate, UserUpdate } from "./schema.ts";
import { users } from "./table.ts";

type UserRow = typeof users.$inferSelect;

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden("Only administrators may do this");
}

async function roleIdsOf(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds));
  for (const r of rows) map.get(r.userId)?.push(r.roleId);
  return map;
}

function toApi(row: UserRow, roleIds: string[]): User {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    email: row.email,
    locale: row.locale === "en" ? "en" : "zh-CN",
    departmentId: row.departmentId,
    managerId: row.managerId,
    roleIds,
    isAdmin: row.isAdmin,
    active: row.active,
  };
}

export async function listUsers(db: Executor, actor: Actor): Promise<User[]> {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.organizationId, actor.organizationId))
    .orderBy(asc(users.name));
  const roleMap = await roleIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toApi(r, roleMap.get(r.id) ?? []));
}

async function findUser(db: Executor, actor: Actor, id: string, lock = false): Promise<UserRow> {
  const query = db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.organizationId, actor.organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("User");
  return row;
}

export async function getUser(db: Executor, actor: Actor, id: string): Promise<User> {
  const row = await findUser(db, actor, id);
  return toApi(row, (await roleIdsOf(db, [id])).get(id) ?? []);
}

async function checkReferences(tx: Transaction, actor: Actor, input: Partial<UserCreate>, selfId: string | null) {
  await requireInOrganization(tx, departments, actor.organizationId, [input.departmentId], "departmentId");
  await requireInOrganization(tx, users, actor.organizationId, [input.managerId], "managerId");
  await requireInOrganization(tx, roles, actor.organizationId, input.roleIds ?? [], "roleIds");
  if (selfId && input.managerId) {
    const managerOf = async (id: string) =>
      (await tx.select({ m: users.managerId }).from(users).where(eq(users.id, id)))[0]?.m ?? null;
    if (await wouldCycle(selfId, input.managerId, managerOf)) {
      throw invalidReference("managerId", "would make the user their own superior");
    }
  }
}

async function emailTaken(tx: Executor, email: string): Promise<boolean> {
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return found.length > 0;
}

/** Creates a user in the actor's organization (the actor check is the caller's: admins, setup, CLI). */
export async function insertUser(tx: Transaction, actor: Actor, input: UserCreate): Promise<User> {
  await checkReferences(tx, actor, input, null);
  if (await emailTaken(tx, input.email)) {
    throw new AppError("conflict", "A user with this email already exists", [{ path: "email", message: "is taken" }]);
  }
  const [row] = await tx
    .insert(users)
    .values({
      organizationId: actor.organizationId,
      name: input.name,
      email: input.email,
      passwordHash: await hashPassword(input.password),
      locale: input.locale,
      departmentId: input.departmentId,
      managerId: input.managerId,
      isAdmin: input.isAdmin,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  if (input.roleIds.length > 0) {
    await tx
      .insert(userRoles)
      .values(input.roleIds.map((roleId) => ({ organizationId: actor.organizationId, userId: row.id, roleId })));
  }
  const user = toApi(row, input.roleIds);
  await writeAudit(tx, actor, {
    entityType: "user",
    entityId: row.id,
    action: "create",
    changes: diffRecords(null, user, ["name", "email", "departmentId", "managerId", "roleIds", "isAdmin"]),
  });
  return user;
}

export async function createUser(db: Database, actor: Actor, input: UserCreate): Promise<User> {
  requireAdmin(actor);
  return db.transaction((tx) => insertUser(tx, actor, input));
}

async function otherActiveAdmins(tx: Executor, actor: Actor, id: string): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organizationId, actor.organizationId),
        eq(users.isAdmin, true),
        eq(users.active, true),
        ne(users.id, id),
      ),
    );
  return rows.length;
}

export async function updateUser(db: Database, actor: Actor, id: string, input: UserUpdate): Promise<User> {
  requireAdmin(actor);
  const updated = await changeUser(db, actor, id, input);
  // Rights, activity and sessions may have changed: signed-in callers are looked up afresh.
  invalidateActors();
  return updated;
}

function changeUser(db: Database, actor: Actor, id: string, input: UserUpdate): Promise<User> {
  return db.transaction(async (tx) => {
    const current = await findUser(tx, actor, id, true);
    if (current.version !== input.version) {
      throw new AppError("version_conflict", `User was changed by someone else (now version ${current.version})`, [
        { path: "version", message: `is ${input.version}, current is ${current.version}` },
      ]);
    }
    await checkReferences(tx, actor, input, id);
    const losesAdmin = (input.isAdmin === false || input.active === false) && current.isAdmin && current.active;
    if (losesAdmin && (await otherActiveAdmins(tx, actor, id)) === 0) {
      throw new AppError("conflict", "The organization needs at least one active administrator", [
        { path: input.active === false ? "active" : "isAdmin", message: "would leave no active administrator" },
      ]);
    }
    const before = toApi(current, (await roleIdsOf(tx, [id])).get(id) ?? []);
    const { version: _v, password, roleIds, ...fields } = input;
    const values: Partial<typeof users.$inferInsert> = { ...fields };
    if (password) values.passwordHash = await hashPassword(password);
    await tx
      .update(users)
      .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id));
    if (roleIds) {
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      if (roleIds.length > 0) {
        await tx
          .insert(userRoles)
          .values(
            [...new Set(roleIds)].map((roleId) => ({ organizationId: actor.organizationId, userId: id, roleId })),
          );
      }
    }
    // A new password or a deactivation ends every session of that user.
    if (password || input.active === false) await tx.delete(sessions).where(eq(sessions.userId, id));
    const after = await getUser(tx, actor, id);
    const changes = diffRecords(before, after, [
      "name",
      "locale",
      "departmentId",
      "managerId",
      "roleIds",
      "isAdmin",
      "active",
    ]);
    if (password) changes.push({ field: "password", from: null, to: "(changed)" });
    await writeAudit(tx, actor, { entityType: "user", entityId: id, action: "update", changes });
    return after;
  });
}
