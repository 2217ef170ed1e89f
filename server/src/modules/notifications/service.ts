import { and, count, desc, eq, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { notFound } from "../../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http.ts";
import type { Actor } from "../../platform/permissions.ts";
import { contacts } from "../contacts/table.ts";
import { customers } from "../customers/table.ts";
import { tasks } from "../tasks/table.ts";
import type { Notification } from "./schema.ts";
import { notifications } from "./table.ts";

export type NewNotification = {
  organizationId: string;
  userId: string;
  kind: string;
  params: Record<string, string | number | null>;
  body?: string | null;
  link?: { type: string; id: string } | null;
  dedupeKey: string;
};

/** Writes a notification once per dedupe key; answers false when it was written before. */
export async function notify(db: Executor, n: NewNotification): Promise<boolean> {
  const inserted = await db
    .insert(notifications)
    .values({
      organizationId: n.organizationId,
      userId: n.userId,
      kind: n.kind,
      params: n.params,
      body: n.body ?? null,
      linkType: n.link?.type ?? null,
      linkId: n.link?.id ?? null,
      dedupeKey: n.dedupeKey,
    })
    .onConflictDoNothing({ target: [notifications.organizationId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length > 0;
}

/** The records a notification may link to, by its link type. */
const linkedTables = { task: tasks, customer: customers, contact: contacts } as const;

/**
 * A notice about a record in the trash, or deleted for good, is no news and would open a 404: it
 * is left out (and back if the record is restored). Links to other things (a filtered list) stay.
 */
const aboutLiveRecord = or(
  isNull(notifications.linkType),
  notInArray(notifications.linkType, Object.keys(linkedTables)),
  ...Object.entries(linkedTables).map(
    ([type, t]) =>
      sql`(${notifications.linkType} = ${type} and exists (select 1 from ${t} where ${t.id} = ${notifications.linkId} and ${t.deletedAt} is null))`,
  ),
);

// Only the recipient ever sees a notification: every query is limited to the caller's own.
const mine = (actor: Actor) =>
  and(eq(notifications.organizationId, actor.organizationId), eq(notifications.userId, actor.userId), aboutLiveRecord);

/** The caller's notifications, newest first, paged by id (UUIDv7 ids are time-ordered). */
export async function listNotifications(
  db: Executor,
  actor: Actor,
  page: { limit: number; cursor?: string; unread?: boolean },
) {
  const before = page.cursor ? decodeCursor(page.cursor, "string")[1] : undefined;
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        mine(actor),
        page.unread ? isNull(notifications.readAt) : undefined,
        before ? lt(notifications.id, before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null;
  return { data: shown.map(notificationToApi), nextCursor };
}

export async function unreadCount(db: Executor, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(actor), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(db: Executor, actor: Actor, id: string): Promise<Notification> {
  const [row] = await db
    .update(notifications)
    .set({
      readAt: sql`coalesce(${notifications.readAt}, now())`,
      version: sql`${notifications.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(mine(actor), eq(notifications.id, id)))
    .returning();
  if (!row) throw notFound("Notification");
  return notificationToApi(row);
}

export async function markAllRead(db: Executor, actor: Actor): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date(), version: sql`${notifications.version} + 1`, updatedAt: new Date() })
    .where(and(mine(actor), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

function notificationToApi(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    kind: row.kind,
    params: row.params,
    body: row.body,
    link: row.linkType && row.linkId ? { type: row.linkType, id: row.linkId } : null,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
