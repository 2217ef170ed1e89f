import { and, count, eq, isNull, sql } from "drizzle-orm";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import type { Executor } from "../../platform/db/client.ts";
import type { FieldChange } from "../../platform/db/platform.table.ts";
import { AppError, notFound, validationFailed } from "../../platform/errors.ts";
import { resolveOwnership } from "../../platform/ownership.ts";
import { type Actor, can, requirePermission } from "../../platform/permissions.ts";
import { contacts } from "../contacts/table.ts";
import { type CustomerRow, customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { type GivenCustomer, notifyCustomersGiven } from "../notifications/assigned.ts";
import { users } from "../users/table.ts";
import { poolSettings } from "./table.ts";

/**
 * Every change of a customer's owner outside the edit form: claim from the pool, release to it,
 * transfer, and automatic reclaim. Each is one audit entry on the customer (action "update") whose
 * changes are the owner and department, plus the reason (field "reason") and, for reclaim, the rule.
 */
export type OwnerChange = { ownerId: string | null; departmentId: string | null };

export async function applyOwnerChange(
  tx: Executor,
  actor: Actor,
  row: { id: string } & OwnerChange,
  to: OwnerChange,
  notes: { reason: string | null; reclaimRule?: string },
): Promise<void> {
  await tx
    .update(customers)
    .set({ ...to, ownerAssignedAt: new Date(), version: sql`${customers.version} + 1`, updatedAt: new Date() })
    .where(eq(customers.id, row.id));
  const changes = diffRecords(row, { ...row, ...to }, ["ownerId", "departmentId"]);
  if (notes.reason) changes.push({ field: "reason", from: null, to: notes.reason });
  if (notes.reclaimRule) changes.push({ field: "reclaimRule", from: null, to: notes.reclaimRule });
  await writeAudit(tx, actor, { entityType: "customer", entityId: row.id, action: "update", changes });
  await moveContacts(tx, actor, row, to, changes);
}

/**
 * The contacts the previous owner held on the customer go with it, to the new owner or, in the pool,
 * to nobody: the old owner stops seeing them, the new one may change them. Contacts held by others
 * (a team member's) stay theirs.
 */
async function moveContacts(
  tx: Executor,
  actor: Actor,
  row: OwnerChange & { id: string },
  to: OwnerChange,
  why: FieldChange[],
) {
  const moved = await tx
    .update(contacts)
    .set({ ...to, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(contacts.customerId, row.id),
        row.ownerId === null ? isNull(contacts.ownerId) : eq(contacts.ownerId, row.ownerId),
      ),
    )
    .returning({ id: contacts.id });
  const ownerChanges = why.filter((change) => change.field !== "departmentId");
  for (const { id } of moved) {
    await writeAudit(tx, actor, { entityType: "contact", entityId: id, action: "update", changes: ownerChanges });
  }
}

function checkVersion(row: CustomerRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw new AppError("version_conflict", `Customer was changed by someone else (now version ${row.version})`, [
      { path: "version", message: `is ${version}, current is ${row.version}` },
    ]);
  }
}

/**
 * Gives a customer to another active user of the organization; needs "transfer" and a reason. The
 * new owner is told, unless `quiet` (a bulk transfer tells them once for all: customer-bulk.ts).
 */
export async function transferCustomer(
  tx: Executor,
  actor: Actor,
  id: string,
  input: { ownerId: string; reason: string; version?: number },
  options: { quiet?: boolean } = {},
): Promise<GivenCustomer> {
  requirePermission(actor, "customers", "transfer");
  const row = await customerResource.findWritable(tx, actor, id);
  checkVersion(row, input.version);
  if (row.ownerId === input.ownerId) throw validationFailed("ownerId", "is already the owner");
  const { ownerId = input.ownerId, departmentId = null } = await resolveOwnership(
    tx,
    actor,
    "customers",
    input.ownerId,
    row,
  );
  await applyOwnerChange(tx, actor, row, { ownerId, departmentId }, { reason: input.reason });
  const given = { id: row.id, name: row.name, version: row.version + 1 };
  if (!options.quiet) await notifyCustomersGiven(tx, actor, ownerId, [given], input.reason);
  return given;
}

/**
 * Returns a customer to the public pool, with a reason. Its owner may; anyone else needs "transfer",
 * because it takes the customer from its owner (a read-write team member may edit, not give away).
 */
export async function releaseCustomer(
  tx: Executor,
  actor: Actor,
  id: string,
  input: { reason: string; version?: number },
): Promise<void> {
  requirePermission(actor, "customers", "edit");
  const row = await customerResource.findWritable(tx, actor, id);
  checkVersion(row, input.version);
  if (row.ownerId === null) throw new AppError("conflict", "The customer is already in the pool");
  if (row.ownerId !== actor.userId) requirePermission(actor, "customers", "transfer");
  await applyOwnerChange(tx, actor, row, { ownerId: null, departmentId: null }, { reason: input.reason });
}

/**
 * Whether the caller still sees the customer, asked in the transaction that changed its owner: by
 * the customer resource's own visibility (scope, team membership), so the answer is what its page
 * would get. A release or a transfer answers it, so the web app knows whether to stay on the page.
 */
export async function stillVisible(tx: Executor, actor: Actor, id: string): Promise<boolean> {
  if (!can(actor, "customers", "view")) return false;
  const found = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, id), customerResource.visibleCondition(actor)));
  return found.length > 0;
}

/** The claim limit and how many live customers a user owns now. */
export async function claimAllowance(tx: Executor, organizationId: string, userId: string) {
  const [settings] = await tx
    .select({ max: poolSettings.maxOwnedCustomers })
    .from(poolSettings)
    .where(eq(poolSettings.organizationId, organizationId));
  const [owned] = await tx
    .select({ n: count() })
    .from(customers)
    .where(
      and(eq(customers.organizationId, organizationId), eq(customers.ownerId, userId), isNull(customers.deletedAt)),
    );
  return { limit: settings?.max ?? null, owned: owned?.n ?? 0 };
}

/**
 * Takes a customer from the pool for the caller, within the claim limit. Racing claims are safe:
 * the caller's user row is locked first, so one user's claims count one after another, and the
 * customer row is locked while still owner-less, so a second claimer finds it taken (409).
 */
export async function claimCustomer(tx: Executor, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "pool", "claim");
  await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for("update");
  const [row] = await tx
    .select({
      id: customers.id,
      ownerId: customers.ownerId,
      departmentId: customers.departmentId,
      deletedAt: customers.deletedAt,
    })
    .from(customers)
    .where(and(eq(customers.id, id), eq(customers.organizationId, actor.organizationId)))
    .for("update");
  if (!row || row.deletedAt) throw notFound("Customer");
  // 409 even when the caller cannot see the new owner's customer: a claim that lost a race should
  // say so, and ids are not guessable.
  if (row.ownerId !== null) throw new AppError("conflict", "The customer was already claimed");
  const { limit, owned } = await claimAllowance(tx, actor.organizationId, actor.userId);
  if (limit !== null && owned >= limit) {
    throw new AppError("conflict", `You own ${owned} customers; the limit is ${limit}`, [
      { path: "id", message: `claim limit of ${limit} reached` },
    ]);
  }
  const mine = { ownerId: actor.userId, departmentId: actor.departmentId };
  await applyOwnerChange(tx, actor, row, mine, { reason: null });
}
