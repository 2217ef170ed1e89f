import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, queryRows } from "../../platform/db/client.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { type Actor, can } from "../../platform/permissions.ts";
import { requireObject } from "./check.ts";
import type { DuplicateField } from "./objects.ts";
import { activeRules } from "./rules.ts";

/** Records shown per group; a bigger group says how many it has. */
const GROUP_SIZE = 20;

/** A group's ids sent whole, so that it can be dismissed; a bigger group cannot be, in one go. */
export const MAX_GROUP_IDS = 1000;

/** A key records share: a normalized name, phone, email or domain. */
export type DuplicateKey = { field: DuplicateField; key: string };

export type DuplicateGroup = {
  /** Every key the group's records share, in (field, key) order: one group per set of records. */
  matches: DuplicateKey[];
  count: number;
  records: { id: string; name: string; ownerName: string | null; createdAt: string }[];
  recordIds: string[];
  /**
   * Only in the list of dismissed groups: the dismissals of its keys (one a match, in their order),
   * and who said "not duplicates" last, and when.
   */
  dismissal: { ids: string[]; by: string | null; at: string } | null;
};

type GroupRow = {
  fields: DuplicateField[];
  keys: string[];
  count: number;
  ids: string[];
  dismissal_ids: (string | null)[];
  dismissed_by: string | null;
  dismissed_at: string | Date | null;
};

const cursorSchema = z.tuple([z.string(), z.string()]);
const encode = (field: string, key: string) => Buffer.from(JSON.stringify([field, key])).toString("base64url");
function decode(cursor: string): [string, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("invalid_cursor", "cursor is not valid", [
      { path: "cursor", message: "not a cursor this list gave" },
    ]);
  }
}

/** The duplicate finder is for administrators and whoever holds duplicates "view". */
export function requireFinder(actor: Actor): void {
  if (!can(actor, "duplicates", "view")) throw forbidden("You may not use the duplicate finder");
}

/**
 * Groups of likely duplicates across the records the caller may see: records sharing keys of active
 * rules (a normalized name, a phone, an email, a domain). Records are aggregated per (field, key),
 * then keys with the very same records make one group listing them all (a pair sharing a name and a
 * phone is one thing to merge or dismiss, not two), ordered and paged by the group's first (field,
 * key). Fuzzy name rules group by the normalized name here: pairing every name with every similar
 * one would not page. Each page aggregates over the live records once (fine for an occasional
 * clean-up run on 100,000 records; the keys' indexes serve the single check and the import instead).
 * A key whose records all lie within its dismissal is left out before grouping, or with
 * `dismissed`, the only kind listed (so that a dismissal can be taken back).
 */
export async function listGroups(
  db: Executor,
  actor: Actor,
  objectType: string,
  page: { limit: number; cursor?: string; dismissed?: boolean },
): Promise<{ data: DuplicateGroup[]; nextCursor: string | null }> {
  requireFinder(actor);
  const object = requireObject(objectType);
  object.resource.requirePermission(actor, "view");
  const t = object.table;
  const visible = object.resource.visibleCondition(actor) ?? sql`true`;
  const rules = await activeRules(db, actor.organizationId, objectType);
  const parts: SQL[] = rules.flatMap((rule) => {
    const column = object.keys[rule.field as DuplicateField];
    if (!column) return [];
    const keys = rule.field === "name" ? sql`select ${column} as key` : sql`select unnest(${column}) as key`;
    const applies = object.keyApplies?.[rule.field as DuplicateField];
    return [
      sql`select ${rule.field}::text as field, k.key, ${t.id} as id from ${t}, lateral (${keys}) as k
          where ${visible} and k.key is not null ${applies ? sql`and ${applies}` : sql``}`,
    ];
  });
  if (parts.length === 0) return { data: [], nextCursor: null };
  const after = page.cursor ? decode(page.cursor) : undefined;
  // array_agg(distinct id) is in id order: UUIDv7, so the oldest records first, and one set of
  // records is one array whatever key found it.
  const groups = await queryRows<GroupRow>(
    db,
    sql`with per_key as (
          select g.field, g.key, g.ids, d.id as dismissal_id, d.actor_id, d.at
          from (select field, key, array_agg(distinct id) as ids
                from (${sql.join(parts, sql` union all `)}) as keyed
                group by field, key having count(distinct id) > 1) as g
          left join duplicate_dismissals d on d.organization_id = ${actor.organizationId}
            and d.object_type = ${objectType} and d.field = g.field and d.key = g.key and g.ids <@ d.record_ids
          where d.id is ${page.dismissed ? sql`not null` : sql`null`}),
        grouped as (
          select ids, array_agg(field order by field, key) as fields, array_agg(key order by field, key) as keys,
            array_agg(dismissal_id order by field, key) as dismissal_ids, max(at) as dismissed_at,
            (array_agg(actor_id order by at desc))[1] as actor_id
          from per_key group by ids)
        select fields, keys, cardinality(ids)::int as count, ids[1:${MAX_GROUP_IDS}] as ids, dismissal_ids,
          dismissed_at, (select name from users where users.id = grouped.actor_id) as dismissed_by
        from grouped
        ${after ? sql`where (fields[1], keys[1]) > (${after[0]}::text, ${after[1]}::text)` : sql``}
        order by fields[1], keys[1] limit ${page.limit + 1}`,
  );
  const shown = groups.slice(0, page.limit);
  const ids = [...new Set(shown.flatMap((g) => g.ids.slice(0, GROUP_SIZE)))];
  const records =
    ids.length === 0
      ? []
      : await queryRows<{ id: string; name: string; owner_name: string | null; created_at: string | Date }>(
          db,
          sql`select ${t.id} as id, ${object.nameColumn} as name, ${t.createdAt} as created_at,
                (select name from users where users.id = ${t.ownerId}) as owner_name
              from ${t} where ${t.id} = any(array[${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )}]::uuid[])`,
        );
  const byId = new Map(records.map((r) => [r.id, r]));
  const last = shown.at(-1);
  return {
    data: shown.map((g) => ({
      matches: g.fields.map((field, i) => ({ field, key: g.keys[i] ?? "" })),
      count: g.count,
      records: g.ids.slice(0, GROUP_SIZE).flatMap((id) => {
        const r = byId.get(id);
        return r
          ? [{ id, name: r.name, ownerName: r.owner_name, createdAt: new Date(r.created_at).toISOString() }]
          : [];
      }),
      recordIds: g.ids,
      dismissal:
        page.dismissed && g.dismissed_at
          ? {
              ids: g.dismissal_ids.filter((id): id is string => id !== null),
              by: g.dismissed_by,
              at: new Date(g.dismissed_at).toISOString(),
            }
          : null,
    })),
    nextCursor: groups.length > page.limit && last ? encode(last.fields[0] ?? "", last.keys[0] ?? "") : null,
  };
}
