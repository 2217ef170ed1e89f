import { inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { forbidden, validationFailed } from "../../platform/errors.ts";
import { type Actor, can, moduleName } from "../../platform/permissions.ts";
import { users } from "../users/table.ts";
import { matchDrafts } from "./matcher.ts";
import { type DuplicateField, type DuplicateObject, duplicateObject } from "./objects.ts";
import { activeRules } from "./rules.ts";

const MAX_MATCHES = 20;

export type DuplicateMatch =
  | { visible: true; id: string; name: string; ownerName: string | null; matchedOn: DuplicateField[] }
  | { visible: false; id: null; name: null; ownerName: string | null; matchedOn: DuplicateField[] };

export function requireObject(objectType: string): DuplicateObject {
  const object = duplicateObject(objectType);
  if (!object) throw validationFailed("objectType", `has no duplicate check: ${objectType}`);
  return object;
}

/**
 * The likely duplicates of a draft record, for the warning before saving. A match the caller may
 * see comes with its id and name; one outside their data scope only says that it exists and whose
 * it is (the owner can be asked), as CRMs do, so no field of it leaks.
 */
export async function checkDraft(
  db: Executor,
  actor: Actor,
  objectType: string,
  record: Record<string, unknown>,
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const object = requireObject(objectType);
  if (!(["create", "edit", "import"] as const).some((a) => can(actor, object.module, a))) {
    throw forbidden(`You may not create or edit ${moduleName(object.module)}`);
  }
  const rules = await activeRules(db, actor.organizationId, objectType);
  const matches = await matchDrafts(db, actor.organizationId, object, rules, [record], {
    similarNames: true,
    excludeIds: excludeId ? [excludeId] : [],
  });
  const found = [...(matches.get(0) ?? new Map<string, DuplicateField[]>())].slice(0, MAX_MATCHES);
  if (found.length === 0) return [];
  const t = object.table;
  const visible = object.resource.visibleCondition(actor) ?? sql`true`;
  const rows = (await db
    .select({
      id: t.id,
      name: object.nameColumn,
      ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${t.ownerId})`,
      visible: sql<boolean>`coalesce((${visible}), false)`,
    })
    .from(t)
    .where(
      inArray(
        t.id,
        found.map(([id]) => id),
      ),
    )) as { id: string; name: string; ownerName: string | null; visible: boolean }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return found.flatMap(([id, matchedOn]): DuplicateMatch[] => {
    const row = byId.get(id);
    if (!row) return [];
    return row.visible
      ? [{ visible: true, id, name: row.name, ownerName: row.ownerName, matchedOn }]
      : [{ visible: false, id: null, name: null, ownerName: row.ownerName, matchedOn }];
  });
}
