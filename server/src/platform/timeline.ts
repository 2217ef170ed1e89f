import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "./db/client.ts";
import { auditLog } from "./db/platform.table.ts";
import { decodeCursor, encodeCursor } from "./http.ts";
import type { Actor } from "./permissions.ts";

/**
 * A customer's 360° timeline is assembled from providers: each module that has something to say
 * about a customer (its field changes, follow-ups, tasks, contacts, later deals and tickets)
 * registers one. Providers answer their newest entries before a point; the timeline merges them.
 */
export const timelineEntrySchema = z
  .object({
    id: z.string(),
    kind: z.string().describe("Which provider: change, followUp, task, contact, …"),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    title: z.string().describe("A short line; the web app may render its own from kind and data"),
    entity: z.object({ type: z.string(), id: z.uuid() }).nullable().describe("The record the entry is about"),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "TimelineEntry" });
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

export type TimelinePage = { before?: { at: string; id: string }; limit: number };

export type TimelineProvider = {
  kind: string;
  /** Entries about the customer, newest first, strictly before page.before (by at, then id). */
  entries(db: Executor, actor: Actor, customerId: string, page: TimelinePage): Promise<TimelineEntry[]>;
};

const providers = new Map<string, TimelineProvider>();

export function registerTimelineProvider(provider: TimelineProvider): void {
  providers.set(provider.kind, provider);
}

export const timelineKinds = () => [...providers.keys()];

const newerFirst = (a: TimelineEntry, b: TimelineEntry) =>
  a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1;

/** The merged timeline page. The caller has already checked the customer is visible. */
export async function customerTimeline(
  db: Executor,
  actor: Actor,
  customerId: string,
  options: { kinds?: string[]; limit: number; cursor?: string },
) {
  const before = options.cursor ? decodeCursor(options.cursor, "date") : undefined;
  const page: TimelinePage = {
    limit: options.limit + 1,
    before: before ? { at: String(before[0]), id: before[1] } : undefined,
  };
  const chosen = [...providers.values()].filter((p) => !options.kinds || options.kinds.includes(p.kind));
  const lists = await Promise.all(chosen.map((p) => p.entries(db, actor, customerId, page)));
  const merged = lists.flat().sort(newerFirst);
  const shown = merged.slice(0, options.limit);
  const last = shown.at(-1);
  const nextCursor = merged.length > options.limit && last ? encodeCursor(last.at, last.id) : null;
  return { data: shown, nextCursor };
}

/** Keyset condition "strictly before (at, id)" for providers backed by a table. */
export function beforeCondition(
  atColumn: Parameters<typeof lt>[0],
  idColumn: Parameters<typeof lt>[0],
  page: TimelinePage,
) {
  if (!page.before) return undefined;
  const at = sql`${page.before.at}::timestamptz`;
  return or(lt(atColumn, at), and(eq(atColumn, at), lt(idColumn, page.before.id)));
}

// The customer's own field changes, from the audit log.
registerTimelineProvider({
  kind: "change",
  async entries(db, actor, customerId, page) {
    const rows = await db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: sql<string | null>`(select name from users where users.id = ${auditLog.actorId})`,
        changes: auditLog.changes,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organizationId, actor.organizationId),
          eq(auditLog.entityType, "customer"),
          eq(auditLog.entityId, customerId),
          beforeCondition(auditLog.at, auditLog.id, page),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(page.limit);
    return rows.map((r) => ({
      id: r.id,
      kind: "change",
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      title: r.action,
      entity: { type: "customer", id: customerId },
      data: { action: r.action, changes: r.changes },
    }));
  },
});
