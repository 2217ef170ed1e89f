import { type AnyColumn, and, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "./db/client.ts";
import { genericPlanRows } from "./db/generic-plans.ts";
import { auditLog } from "./db/platform.table.ts";
import { validationFailed } from "./errors.ts";
import { cursorParam, decodeCursor, encodeCursor, limitParam } from "./http.ts";
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

/** A timeline's query string: which kinds, and which page. */
export const timelineQuerySchema = z.strictObject({
  kinds: z.string().max(200).optional().describe("Comma-separated kinds to show, e.g. followUp,task; all when absent"),
  limit: limitParam,
  cursor: cursorParam,
});

/** The query string as a timeline reads it: the kinds as a list. */
export function timelineOptions(query: z.output<typeof timelineQuerySchema>) {
  const kinds = query.kinds
    ?.split(",")
    .map((kind) => kind.trim())
    .filter(Boolean);
  return { kinds, limit: query.limit, cursor: query.cursor };
}

export type TimelinePage = { before?: { at: string; id: string }; limit: number };

export type TimelineProvider = {
  kind: string;
  /**
   * A SELECT of the entries about the customer (its list from `timelineColumns`), newest first,
   * strictly before page.before, at most page.limit rows; null when the actor may see none.
   * The timeline runs every provider's SELECT in one UNION ALL statement.
   */
  query(actor: Actor, customerId: string, page: TimelinePage): SQL | null;
};

const providers = new Map<string, TimelineProvider>();

export function registerTimelineProvider(provider: TimelineProvider): void {
  providers.set(provider.kind, provider);
}

export const timelineKinds = () => [...providers.keys()];

type Value = SQL | AnyColumn;

/** A time as the API writes it (ISO 8601 in UTC with milliseconds), for times inside `data`. */
export const isoTime = (value: Value) => sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The select list every provider answers, in one order: UNION ALL matches columns by position. */
export function timelineColumns(
  kind: string,
  c: { id: Value; at: Value; actorId: Value; actorName: Value; title: Value; entity: [string, Value]; data: SQL },
): SQL {
  return sql`${c.id} as id, ${kind}::text as kind, ${c.at} as at, ${c.actorId} as actor_id,
    ${c.actorName}::text as actor_name, ${c.title}::text as title, ${c.entity[0]}::text as entity_type,
    ${c.entity[1]} as entity_id, ${c.data} as data`;
}

type EntryRow = {
  id: string;
  kind: string;
  at_text: string;
  actor_id: string | null;
  actor_name: string | null;
  title: string;
  entity_type: string;
  entity_id: string;
  data: Record<string, unknown>;
};

/** The merged timeline page, in one statement. The caller has already checked the customer is visible. */
export async function customerTimeline(
  db: Executor,
  actor: Actor,
  customerId: string,
  options: { kinds?: string[]; limit: number; cursor?: string },
) {
  const unknown = options.kinds?.filter((kind) => !providers.has(kind)) ?? [];
  if (unknown.length > 0) {
    throw validationFailed(
      "kinds",
      `names unknown kinds (${unknown.join(", ")}); the kinds are ${timelineKinds().join(", ")}`,
    );
  }
  const before = options.cursor ? decodeCursor(options.cursor, "date") : undefined;
  const page: TimelinePage = {
    limit: options.limit + 1,
    before: before ? { at: String(before[0]), id: before[1] } : undefined,
  };
  const selects = [...providers.values()]
    .filter((p) => !options.kinds || options.kinds.includes(p.kind))
    .map((p) => p.query(actor, customerId, page))
    .filter((query): query is SQL => query !== null);
  if (selects.length === 0) return { data: [], nextCursor: null };
  const rows = await genericPlanRows<EntryRow>(
    db,
    sql`select id, kind, ${isoTime(sql.raw("at"))} as at_text, actor_id, actor_name, title, entity_type, entity_id, data
      from (${sql.join(
        selects.map((select) => sql`(${select})`),
        sql` union all `,
      )}) entries
      order by at desc, id desc limit ${page.limit}`,
  );
  const shown: TimelineEntry[] = rows.slice(0, options.limit).map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at_text,
    actorId: r.actor_id,
    actorName: r.actor_name,
    title: r.title,
    entity: { type: r.entity_type, id: r.entity_id },
    data: r.data,
  }));
  const last = shown.at(-1);
  const nextCursor = rows.length > options.limit && last ? encodeCursor(last.at, last.id) : null;
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
  query: (actor, customerId, page) => sql`select ${timelineColumns("change", {
    id: auditLog.id,
    at: auditLog.at,
    actorId: auditLog.actorId,
    actorName: sql`(select name from users where users.id = ${auditLog.actorId})`,
    title: auditLog.action,
    entity: ["customer", sql`${customerId}::uuid`],
    data: sql`jsonb_build_object('action', ${auditLog.action}, 'changes', ${auditLog.changes})`,
  })}
    from ${auditLog}
    where ${and(
      eq(auditLog.organizationId, actor.organizationId),
      eq(auditLog.entityType, "customer"),
      eq(auditLog.entityId, customerId),
      beforeCondition(auditLog.at, auditLog.id, page),
    )}
    order by ${auditLog.at} desc, ${auditLog.id} desc limit ${page.limit}`,
});
