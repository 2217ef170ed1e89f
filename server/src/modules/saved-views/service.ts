import { and, asc, eq, or, sql } from "drizzle-orm";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import type { Database, Executor, Transaction } from "../../platform/db/client.ts";
import { AppError, forbidden, invalidReference, notFound } from "../../platform/errors.ts";
import { type Actor, can, requirePermission } from "../../platform/permissions.ts";
import { requireListColumns, requireListFilters, requireListSort, staleDropper } from "./rules.ts";
import { type SavedFilters, savedViewDefaults, savedViews } from "./table.ts";

/** Lists that have saved views, each named by its permission module. Later lists add theirs. */
export const viewObjectTypes = ["customers", "contacts"] as const;
export type ViewObjectType = (typeof viewObjectTypes)[number];

export type ViewFields = {
  name: string;
  visibility: "private" | "organization";
  filters: SavedFilters;
  sort: string | null;
  columns: string[];
};
export type SavedViewRow = typeof savedViews.$inferSelect;
/** A view as the caller reads it: `stale` names the custom fields left out of it (rules.ts). */
export type SavedViewOf = SavedViewRow & {
  ownerName: string | null;
  isDefault: boolean;
  canEdit: boolean;
  stale: string[];
};

const audited = ["name", "visibility", "filters", "sort", "columns"] as const;

/** Mine, or shared with the organization. */
const visibleTo = (actor: Actor) =>
  and(
    eq(savedViews.organizationId, actor.organizationId),
    or(eq(savedViews.ownerId, actor.userId), eq(savedViews.visibility, "organization")),
  );

/** The owner edits a view; an administrator also edits views shared with the organization. */
const mayEdit = (actor: Actor, view: SavedViewRow) =>
  view.ownerId === actor.userId || (actor.isAdmin && view.visibility === "organization");

function requireMayShare(actor: Actor, visibility: ViewFields["visibility"]): void {
  if (visibility === "organization" && !can(actor, "sharedViews", "create")) {
    throw forbidden("You may not share views with the organization");
  }
}

/** What the view names is what its list takes: filters, sort and columns (those given, on update). */
async function requireListTakes(db: Executor, actor: Actor, objectType: ViewObjectType, fields: Partial<ViewFields>) {
  await requireListFilters(db, actor, objectType, fields.filters);
  await requireListSort(db, actor, objectType, fields.sort);
  await requireListColumns(db, actor, objectType, fields.columns);
}

export async function listViews(db: Executor, actor: Actor, objectType: ViewObjectType): Promise<SavedViewOf[]> {
  requirePermission(actor, objectType, "view");
  const rows = await db
    .select({
      view: savedViews,
      ownerName: sql<string | null>`(select name from users where users.id = ${savedViews.ownerId})`,
      isDefault: sql<boolean>`exists (select 1 from ${savedViewDefaults} d
        where d.view_id = ${savedViews.id} and d.user_id = ${actor.userId})`,
    })
    .from(savedViews)
    .where(and(visibleTo(actor), eq(savedViews.objectType, objectType)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  const withoutStale = await staleDropper(db, actor, objectType);
  return rows.map((r) => ({
    ...withoutStale(r.view),
    ownerName: r.ownerName,
    isDefault: r.isDefault,
    canEdit: mayEdit(actor, r.view),
  }));
}

async function findView(db: Executor, actor: Actor, id: string): Promise<SavedViewRow> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), visibleTo(actor)));
  if (!row) throw notFound("View");
  return row;
}

async function viewOf(db: Executor, actor: Actor, id: string): Promise<SavedViewOf> {
  const row = await findView(db, actor, id);
  const found = (await listViews(db, actor, row.objectType as ViewObjectType)).find((v) => v.id === id);
  if (!found) throw notFound("View");
  return found;
}

/** Creates a view in the caller's transaction (the route's, which makes a retried POST safe). */
export async function createView(tx: Transaction, actor: Actor, objectType: ViewObjectType, fields: ViewFields) {
  requirePermission(actor, objectType, "view");
  requireMayShare(actor, fields.visibility);
  await requireListTakes(tx, actor, objectType, fields);
  const [row] = await tx
    .insert(savedViews)
    .values({ ...fields, objectType, ownerId: actor.userId, organizationId: actor.organizationId })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await writeAudit(tx, actor, {
    entityType: "savedView",
    entityId: row.id,
    action: "create",
    changes: diffRecords(null, row, audited),
  });
  return viewOf(tx, actor, row.id);
}

export async function updateView(
  db: Database,
  actor: Actor,
  id: string,
  change: Partial<ViewFields> & { version: number },
) {
  return db.transaction(async (tx) => {
    const current = await findView(tx, actor, id);
    if (!mayEdit(actor, current)) throw forbidden("Only the owner or an administrator may change this view");
    if (change.visibility && change.visibility !== current.visibility) requireMayShare(actor, change.visibility);
    await requireListTakes(tx, actor, current.objectType as ViewObjectType, change);
    const { version, ...fields } = change;
    const [row] = await tx
      .update(savedViews)
      .set({ ...fields, version: sql`${savedViews.version} + 1`, updatedAt: new Date() })
      .where(and(eq(savedViews.id, id), eq(savedViews.version, version)))
      .returning();
    if (!row) {
      throw new AppError("version_conflict", `View was changed by someone else (now version ${current.version})`, [
        { path: "version", message: `is ${version}, current is ${current.version}` },
      ]);
    }
    await writeAudit(tx, actor, {
      entityType: "savedView",
      entityId: id,
      action: "update",
      changes: diffRecords(current, row, audited),
    });
    return viewOf(tx, actor, id);
  });
}

export async function deleteView(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findView(tx, actor, id);
    if (!mayEdit(actor, current)) throw forbidden("Only the owner or an administrator may delete this view");
    await tx.delete(savedViews).where(eq(savedViews.id, id));
    await writeAudit(tx, actor, { entityType: "savedView", entityId: id, action: "purge" });
  });
}

/** Makes a view the one the caller opens the list with, or (null) goes back to the plain list. */
export async function setDefaultView(db: Database, actor: Actor, objectType: ViewObjectType, viewId: string | null) {
  requirePermission(actor, objectType, "view");
  await db.transaction(async (tx) => {
    const mine = and(eq(savedViewDefaults.userId, actor.userId), eq(savedViewDefaults.objectType, objectType));
    await tx.delete(savedViewDefaults).where(mine);
    if (!viewId) return;
    const view = await findView(tx, actor, viewId).catch(() => {
      throw invalidReference("viewId", "is not a view you can see");
    });
    if (view.objectType !== objectType) {
      throw new AppError("invalid_reference", `viewId is a view of ${view.objectType}`, [
        { path: "viewId", message: `is a view of ${view.objectType}` },
      ]);
    }
    await tx
      .insert(savedViewDefaults)
      .values({ organizationId: actor.organizationId, userId: actor.userId, objectType, viewId });
  });
}
