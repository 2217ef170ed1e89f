import { and, eq, inArray, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { type Database, type Executor, queryRows } from "../../platform/db/client.ts";
import { AppError, fieldsFailed, forbidden, notFound, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { requireObject } from "./check.ts";
import { type DuplicateKey, requireFinder } from "./finder.ts";
import type { DuplicateField, DuplicateObject } from "./objects.ts";
import { activeRules } from "./rules.ts";
import { duplicateDismissals } from "./table.ts";

export type DismissalInput = { matches: DuplicateKey[]; ids: string[] };
type Dismissal = typeof duplicateDismissals.$inferSelect;

/** A dismissal as its caller may know it: `seen` are its records they can see (others judged some they cannot). */
const dismissalToApi = (d: Dismissal, byName: string | null, seen: string[]) => ({
  id: d.id,
  objectType: d.objectType,
  field: d.field as DuplicateField,
  key: d.key,
  recordIds: d.recordIds.filter((id) => seen.includes(id)),
  by: byName,
  at: d.at.toISOString(),
});

/** Which of `ids` the actor may see, or change (`access: "write"`). */
async function recordsOf(
  tx: Executor,
  actor: Actor,
  object: DuplicateObject,
  ids: string[],
  access: "read" | "write",
): Promise<string[]> {
  const t = object.table;
  const condition =
    access === "write" ? object.resource.writableCondition(actor) : object.resource.visibleCondition(actor);
  const rows = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(inArray(t.id, ids), condition));
  return rows.map((r) => String(r.id));
}

/** Records of `object` holding `key` under `field`, through the key column's own index. */
function holdsKey(object: DuplicateObject, field: DuplicateField, key: string) {
  const column = object.keys[field];
  if (!column) return undefined;
  return field === "name" ? sql`${column} = ${key}` : sql`${column} @> array[${key}]::text[]`;
}

/**
 * Who may judge a group: a finder user who may edit records of the type. A dismissal hides the
 * group from everyone whose records it covers, so it takes more than looking (merging takes edit
 * and delete).
 */
function finderObject(actor: Actor, objectType: string): DuplicateObject {
  requireFinder(actor);
  const object = requireObject(objectType);
  object.resource.requirePermission(actor, "view");
  object.resource.requirePermission(actor, "edit");
  return object;
}

/**
 * "Not duplicates" (不是重复): the caller judged these records of a finder group different ones,
 * under each key the group lists (its matches), in one transaction. Each id must be a record they
 * can see that holds every key now (a stale group is refused, naming the id). Each key's dismissal
 * takes them in with any judged before; dismissing again is harmless. Answers the keys' dismissals
 * in (field, key) order.
 */
export async function dismissGroup(db: Database, actor: Actor, objectType: string, input: DismissalInput) {
  const object = finderObject(actor, objectType);
  const rules = await activeRules(db, actor.organizationId, objectType);
  const unruled = input.matches.flatMap((m, i) =>
    holdsKey(object, m.field, m.key) && rules.some((r) => r.field === m.field)
      ? []
      : [{ path: `matches.${i}.field`, message: "has no active duplicate rule for this record type" }],
  );
  if (unruled.length > 0) throw fieldsFailed(unruled);
  const held = input.matches.map((m) => and(holdsKey(object, m.field, m.key), object.keyApplies?.[m.field]));
  // The same key twice is one key; in (field, key) order, so that two dismissals lock rows alike.
  const matches = [...new Map(input.matches.map((m) => [keyText(m), m])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m);
  const ids = [...new Set(input.ids)];
  if (ids.length < 2) throw validationFailed("ids", "must name at least 2 different records");
  const t = object.table;
  const writable = object.resource.writableCondition(actor) ?? sql`true`;
  const found = await db
    .select({ id: t.id, name: sql<string>`${object.nameColumn}`, writable: sql<boolean>`coalesce(${writable}, false)` })
    .from(t)
    .where(and(inArray(t.id, ids), object.resource.visibleCondition(actor), ...held));
  const names = new Map(found.map((r) => [String(r.id), r.name]));
  const strays = input.ids.flatMap((id, i) => (names.has(id) ? [] : [i]));
  if (strays.length > 0) {
    throw new AppError(
      "validation_failed",
      "ids: not all are records of this group that you can see",
      strays.map((i) => ({ path: `ids.${i}`, message: "is not a record of this group that you can see" })),
    );
  }
  // Judging takes leave to change each record: a record shared with the caller read-only is not theirs to judge.
  const readOnly = new Set(found.filter((r) => !r.writable).map((r) => r.id));
  const viewOnly = input.ids.flatMap((id, i) => (readOnly.has(id) ? [i] : []));
  if (viewOnly.length > 0) {
    throw new AppError(
      "forbidden",
      "ids: some are records you may only view",
      viewOnly.map((i) => ({ path: `ids.${i}`, message: "is a record you may only view" })),
    );
  }

  return db.transaction(async (tx) => {
    const rows: Dismissal[] = [];
    for (const match of matches) rows.push(await dismissKey(tx, actor, objectType, match, ids, names));
    const seen = await recordsOf(tx, actor, object, [...new Set(rows.flatMap((r) => r.recordIds))], "read");
    const answer = [];
    for (const row of rows) answer.push(dismissalToApi(row, await userName(tx, row.actorId), seen));
    return answer;
  });
}

/** One key's dismissal of `ids`, taken in with those judged before; audited when it changes. */
async function dismissKey(
  tx: Executor,
  actor: Actor,
  objectType: string,
  match: DuplicateKey,
  ids: string[],
  names: Map<string, string>,
): Promise<Dismissal> {
  const [before] = await tx
    .select()
    .from(duplicateDismissals)
    .where(keyOf(actor, objectType, match))
    .for("update");
  if (before && ids.every((id) => before.recordIds.includes(id))) return before;
  const recordIds = [...new Set([...(before?.recordIds ?? []), ...ids])].sort();
  // An upsert: a dismissal of the same key made meanwhile is taken in, not refused.
  const [row] = await tx
    .insert(duplicateDismissals)
    .values({
      organizationId: actor.organizationId,
      objectType,
      field: match.field,
      key: match.key,
      recordIds,
      actorId: actor.userId,
    })
    .onConflictDoUpdate({
      target: [
        duplicateDismissals.organizationId,
        duplicateDismissals.objectType,
        duplicateDismissals.field,
        duplicateDismissals.key,
      ],
      set: {
        recordIds: sql`(select array_agg(distinct x order by x) from unnest(${duplicateDismissals.recordIds} || excluded.record_ids) as x)`,
        actorId: actor.userId,
        at: new Date(),
      },
    })
    .returning();
  if (!row) throw notFound("Duplicate dismissal");
  await writeAudit(tx, actor, {
    entityType: "duplicateDismissal",
    entityId: row.id,
    action: before ? "update" : "create",
    changes: [
      { field: "objectType", from: null, to: objectType },
      { field: "field", from: null, to: match.field },
      { field: "key", from: null, to: match.key },
      { field: "recordIds", from: before?.recordIds ?? null, to: row.recordIds },
      // Names as people know the records: ids outlive a record purged later.
      { field: "records", from: null, to: ids.map((id) => names.get(id) ?? id) },
    ],
  });
  return row;
}

/**
 * Takes dismissals back (a dismissed group's, one a key), all or none: its group is listed again.
 * For each, the caller must see one of its records at least (anyone else is told it does not
 * exist), and may change one: judging again is changing, as judging was.
 */
export async function restoreDismissals(db: Database, actor: Actor, objectType: string, ids: string[]): Promise<void> {
  const object = finderObject(actor, objectType);
  const unique = [...new Set(ids)].sort();
  await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(duplicateDismissals)
      .where(
        and(
          inArray(duplicateDismissals.id, unique),
          eq(duplicateDismissals.organizationId, actor.organizationId),
          eq(duplicateDismissals.objectType, objectType),
        ),
      )
      .orderBy(duplicateDismissals.id)
      .for("update");
    const seen = new Set(await recordsOf(tx, actor, object, [...new Set(rows.flatMap((r) => r.recordIds))], "read"));
    const writable = new Set(await recordsOf(tx, actor, object, [...seen], "write"));
    for (const id of unique) {
      const row = rows.find((r) => r.id === id);
      if (!row?.recordIds.some((r) => seen.has(r))) throw notFound("Duplicate dismissal");
      if (!row.recordIds.some((r) => writable.has(r)))
        throw forbidden("You may only view the records of this dismissal");
    }
    await tx.delete(duplicateDismissals).where(inArray(duplicateDismissals.id, unique));
    for (const row of rows) {
      await writeAudit(tx, actor, {
        entityType: "duplicateDismissal",
        entityId: row.id,
        action: "delete",
        changes: [
          { field: "field", from: row.field, to: null },
          { field: "key", from: row.key, to: null },
          { field: "recordIds", from: row.recordIds, to: null },
        ],
      });
    }
  });
}

/** A key as one string, to drop a repeated one and order the locks. */
const keyText = (m: DuplicateKey) => `${m.field}\n${m.key}`;

const keyOf = (actor: Actor, objectType: string, input: DuplicateKey) =>
  and(
    eq(duplicateDismissals.organizationId, actor.organizationId),
    eq(duplicateDismissals.objectType, objectType),
    eq(duplicateDismissals.field, input.field),
    eq(duplicateDismissals.key, input.key),
  );

async function userName(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const rows = await queryRows<{ name: string }>(db, sql`select name from users where id = ${userId}`);
  return rows[0]?.name ?? null;
}
