import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { AppError, forbidden, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { listOptionValues } from "../option-lists/service.ts";
import { claimAllowance } from "./ownership.ts";
import { scheduleSweep } from "./reclaim.ts";
import type { poolSettingsSchema, poolSettingsUpdateSchema } from "./schema.ts";
import { poolSettings } from "./table.ts";

type Settings = z.output<typeof poolSettingsSchema>;
type SettingsUpdate = z.output<typeof poolSettingsUpdateSchema>;

async function readSettings(db: Executor, organizationId: string) {
  const [row] = await db.select().from(poolSettings).where(eq(poolSettings.organizationId, organizationId));
  return row ?? { maxOwnedCustomers: null, reclaimRules: [], version: 1 };
}

/** The pool's rules, which every signed-in user may read, with how many customers the caller owns. */
export async function getPoolSettings(db: Executor, actor: Actor): Promise<Settings> {
  const row = await readSettings(db, actor.organizationId);
  const { owned } = await claimAllowance(db, actor.organizationId, actor.userId);
  return {
    maxOwnedCustomers: row.maxOwnedCustomers,
    reclaimRules: row.reclaimRules,
    version: row.version,
    ownedByMe: owned,
  };
}

/** A rule for a level the list never had would never apply: 400 naming the rule's level. */
async function requireKnownLevels(db: Executor, actor: Actor, rules: SettingsUpdate["reclaimRules"]) {
  const known = new Set((await listOptionValues(db, actor.organizationId, ["customer.level"])).map((v) => v.key));
  const unknown = rules.findIndex((rule) => rule.level !== null && !known.has(rule.level));
  const rule = rules[unknown];
  if (rule) throw validationFailed(`reclaimRules.${unknown}.level`, `${rule.level} is not a customer level`);
}

/** Administrators set the claim limit and the reclaim rules; saving rules starts the reclaim sweep. */
export async function updatePoolSettings(db: Database, actor: Actor, input: SettingsUpdate): Promise<Settings> {
  if (!actor.isAdmin) throw forbidden("Only administrators change the pool's rules");
  await db.transaction(async (tx) => {
    await tx
      .insert(poolSettings)
      .values({ organizationId: actor.organizationId })
      .onConflictDoNothing({ target: poolSettings.organizationId });
    const [current] = await tx
      .select()
      .from(poolSettings)
      .where(eq(poolSettings.organizationId, actor.organizationId))
      .for("update");
    if (!current || current.version !== input.version) {
      throw new AppError("version_conflict", "The pool's rules were changed by someone else", [
        { path: "version", message: `is ${input.version}, current is ${current?.version}` },
      ]);
    }
    await requireKnownLevels(tx, actor, input.reclaimRules);
    const next = { maxOwnedCustomers: input.maxOwnedCustomers, reclaimRules: input.reclaimRules };
    await tx
      .update(poolSettings)
      .set({ ...next, version: sql`${poolSettings.version} + 1`, updatedAt: new Date() })
      .where(eq(poolSettings.organizationId, actor.organizationId));
    const changes = diffRecords(current, next, ["maxOwnedCustomers", "reclaimRules"]);
    await writeAudit(tx, actor, {
      entityType: "poolSettings",
      entityId: actor.organizationId,
      action: "update",
      changes,
    });
    if (input.reclaimRules.length > 0) await scheduleSweep(tx, actor.organizationId);
  });
  return getPoolSettings(db, actor);
}
