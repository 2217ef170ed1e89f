import { and, asc, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { AppError, forbidden, notFound, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { DuplicateField } from "./objects.ts";
import { duplicateRules } from "./table.ts";

export const matchKinds = ["exact", "fuzzy"] as const;
export type MatchKind = (typeof matchKinds)[number];
export type DuplicateRule = typeof duplicateRules.$inferSelect;

/**
 * The rules a new organization starts with (migration 0017 gave existing ones the same). A name is
 * a weak sign for people, so the contact name rule starts switched off.
 */
export const defaultRules: Record<string, { field: DuplicateField; match: MatchKind; active: boolean }[]> = {
  customer: [
    { field: "name", match: "fuzzy", active: true },
    { field: "phone", match: "exact", active: true },
    { field: "email", match: "exact", active: true },
    { field: "domain", match: "exact", active: true },
  ],
  contact: [
    { field: "name", match: "exact", active: false },
    { field: "phone", match: "exact", active: true },
    { field: "email", match: "exact", active: true },
  ],
};

export async function seedDuplicateRules(tx: Executor, organizationId: string): Promise<void> {
  const rows = Object.entries(defaultRules).flatMap(([objectType, rules]) =>
    rules.map((rule) => ({ organizationId, objectType, ...rule })),
  );
  await tx.insert(duplicateRules).values(rows).onConflictDoNothing();
}

export function listRules(db: Executor, organizationId: string, objectType?: string): Promise<DuplicateRule[]> {
  return db
    .select()
    .from(duplicateRules)
    .where(
      and(
        eq(duplicateRules.organizationId, organizationId),
        objectType ? eq(duplicateRules.objectType, objectType) : undefined,
      ),
    )
    .orderBy(asc(duplicateRules.objectType), asc(duplicateRules.createdAt), asc(duplicateRules.id));
}

export async function activeRules(db: Executor, organizationId: string, objectType: string) {
  const rules = await listRules(db, organizationId, objectType);
  return rules.filter((r) => r.active);
}

/** An admin switches a rule on or off or changes its match; phones, emails and domains only match exactly. */
export async function updateRule(
  db: Database,
  actor: Actor,
  id: string,
  input: { version: number; match?: MatchKind; active?: boolean },
): Promise<DuplicateRule> {
  if (!actor.isAdmin) throw forbidden("Only an administrator may change duplicate rules");
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(duplicateRules)
      .where(and(eq(duplicateRules.id, id), eq(duplicateRules.organizationId, actor.organizationId)))
      .for("update");
    if (!current) throw notFound("Duplicate rule");
    if (current.version !== input.version) {
      throw new AppError(
        "version_conflict",
        `Duplicate rule was changed by someone else (now version ${current.version})`,
        [{ path: "version", message: `is ${input.version}, current is ${current.version}` }],
      );
    }
    if (input.match === "fuzzy" && current.field !== "name") {
      throw validationFailed("match", `${current.field} is compared by its normalized value: only exact`);
    }
    const next = { match: input.match ?? current.match, active: input.active ?? current.active };
    const changes = (["match", "active"] as const)
      .filter((f) => next[f] !== current[f])
      .map((field) => ({ field, from: current[field], to: next[field] }));
    if (changes.length === 0) return current;
    const [updated] = await tx
      .update(duplicateRules)
      .set({ ...next, version: sql`${duplicateRules.version} + 1`, updatedAt: new Date() })
      .where(eq(duplicateRules.id, id))
      .returning();
    await writeAudit(tx, actor, { entityType: "duplicateRule", entityId: id, action: "update", changes });
    if (!updated) throw notFound("Duplicate rule");
    return updated;
  });
}
