import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import { type Database, type Executor, queryRows, type Transaction } from "../../platform/db/client.ts";
import type { FieldChange } from "../../platform/db/platform.table.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { keyWords } from "../../platform/text.ts";
import { isKnownList, listKeyPattern, seededLists } from "./lists.ts";
import { optionValues } from "./table.ts";

export type OptionValueRow = typeof optionValues.$inferSelect;
export type NewOptionValue = { key?: string; labelZh: string; labelEn: string; color?: string | null };
export type OptionValueChange = {
  version: number;
  labelZh?: string;
  labelEn?: string;
  color?: string | null;
  archived?: boolean;
};

const audited = ["key", "labelZh", "labelEn", "color", "position", "archivedAt"] as const;
const audit = (tx: Transaction, actor: Actor, id: string, action: "create" | "update", changes: FieldChange[]) =>
  writeAudit(tx, actor, { entityType: "optionValue", entityId: id, action, changes });

/** Changing option lists is an administrator's task (module "settings"). */
export const requireSettings = (actor: Actor) => requirePermission(actor, "settings", "edit");

export function requireKnownList(listKey: string): void {
  if (!listKeyPattern.test(listKey) || !isKnownList(listKey)) throw notFound("Option list");
}

/** Every value of the organization's lists (or of the given ones), archived too, in list order. */
export function listOptionValues(db: Executor, organizationId: string, listKeys?: string[]) {
  return db
    .select()
    .from(optionValues)
    .where(
      and(
        eq(optionValues.organizationId, organizationId),
        listKeys ? inArray(optionValues.listKey, listKeys) : undefined,
      ),
    )
    .orderBy(asc(optionValues.listKey), asc(optionValues.position), asc(optionValues.id));
}

/** A new organization starts with every registered list's default values. */
export async function seedOptionLists(tx: Transaction, organizationId: string): Promise<void> {
  const rows = seededLists().flatMap((list) =>
    list.defaults.map((v, position) => ({
      organizationId,
      listKey: list.key,
      key: v.key,
      labelZh: v.zh,
      labelEn: v.en,
      color: v.color ?? null,
      position,
    })),
  );
  if (rows.length > 0) await tx.insert(optionValues).values(rows).onConflictDoNothing();
}

async function nextPosition(tx: Executor, organizationId: string, listKey: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number | null>`max(${optionValues.position})` })
    .from(optionValues)
    .where(and(eq(optionValues.organizationId, organizationId), eq(optionValues.listKey, listKey)));
  return (row?.max ?? -1) + 1;
}

/** A value to add by its key, labelled by the key in both languages unless given its labels. */
export type MissingValue = string | { key: string; zh: string; en: string };

/**
 * Adds values that are not in a list yet at its end (tags typed while tagging, which are labelled
 * by what was typed; demo data, with its labels). Existing values, archived or not, are left alone.
 */
export async function addMissingValues(
  tx: Transaction,
  actor: Actor,
  listKey: string,
  values: readonly MissingValue[],
) {
  if (values.length === 0) return;
  const start = await nextPosition(tx, actor.organizationId, listKey);
  const added = await tx
    .insert(optionValues)
    .values(
      values.map((value, i) => ({
        organizationId: actor.organizationId,
        listKey,
        ...(typeof value === "string"
          ? { key: value, labelZh: value, labelEn: value }
          : { key: value.key, labelZh: value.zh, labelEn: value.en }),
        position: start + i,
      })),
    )
    .onConflictDoNothing()
    .returning();
  for (const row of added) await audit(tx, actor, row.id, "create", diffRecords(null, row, audited));
}

/** A key from the English label ("Trade show" -> "trade_show"), or the Chinese label when that has no letters. */
function keyFromLabels(value: NewOptionValue): string {
  return keyWords(value.labelEn).slice(0, 50) || value.labelZh.slice(0, 50);
}

/**
 * Two values of one list may not share a label in one language (compared without case): forms,
 * filters and reports would offer two identical choices, and an import cell could mean either.
 * Archived values count too: the records holding one still show its label (and filter by it),
 * and restoring it would bring the twin back; the message says to rename or restore that one.
 * Only the labels a change sets are checked, so twins from before this rule can still be edited.
 */
async function requireUniqueLabels(
  tx: Executor,
  actor: Actor,
  listKey: string,
  labels: { labelZh?: string; labelEn?: string },
  exceptId?: string,
): Promise<void> {
  const given = (["labelZh", "labelEn"] as const).filter((field) => labels[field] !== undefined);
  if (given.length === 0) return;
  // Two admins adding the same label at once: the second waits, then sees the first's value.
  const lock = `${actor.organizationId}:option-list:${listKey}`;
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtextextended(${lock}, 0))`);
  const others = await tx
    .select({ labelZh: optionValues.labelZh, labelEn: optionValues.labelEn, archivedAt: optionValues.archivedAt })
    .from(optionValues)
    .where(
      and(
        eq(optionValues.organizationId, actor.organizationId),
        eq(optionValues.listKey, listKey),
        exceptId ? ne(optionValues.id, exceptId) : undefined,
      ),
    );
  const twins = given.flatMap((field) => {
    const label = (labels[field] as string).toLowerCase();
    const twin = others.find((other) => other[field].toLowerCase() === label);
    return twin ? [{ field, label: twin[field], archived: twin.archivedAt !== null }] : [];
  });
  const [first] = twins;
  if (!first) return;
  throw new AppError(
    "conflict",
    `The list already has a value labelled ${first.label}`,
    twins.map(({ field, label, archived }) => ({
      path: field,
      message: archived
        ? `an archived value of this list is labelled "${label}": rename or restore that one`
        : `another value of this list is labelled "${label}"`,
    })),
  );
}

/** Adds a value in the caller's transaction (the route's, which makes a retried POST safe). */
export async function addOptionValue(tx: Transaction, actor: Actor, listKey: string, value: NewOptionValue) {
  requireSettings(actor);
  requireKnownList(listKey);
  const key = value.key ?? keyFromLabels(value);
  await requireUniqueLabels(tx, actor, listKey, value);
  // Keys differing only in case would read as one value everywhere a user sees them.
  const [twin] = await tx
    .select({ key: optionValues.key })
    .from(optionValues)
    .where(
      and(
        eq(optionValues.organizationId, actor.organizationId),
        eq(optionValues.listKey, listKey),
        sql`lower(${optionValues.key}) = lower(${key})`,
      ),
    );
  const [row] = twin
    ? []
    : await tx
        .insert(optionValues)
        .values({
          organizationId: actor.organizationId,
          listKey,
          key,
          labelZh: value.labelZh,
          labelEn: value.labelEn,
          color: value.color ?? null,
          position: await nextPosition(tx, actor.organizationId, listKey),
        })
        .onConflictDoNothing()
        .returning();
  if (!row) {
    throw new AppError("conflict", `The list already has a value with key ${twin?.key ?? key}`, [
      { path: "key", message: "is already in this list" },
    ]);
  }
  await audit(tx, actor, row.id, "create", diffRecords(null, row, audited));
  return row;
}

async function findValue(tx: Executor, actor: Actor, listKey: string, id: string): Promise<OptionValueRow> {
  const [row] = await tx
    .select()
    .from(optionValues)
    .where(
      and(
        eq(optionValues.id, id),
        eq(optionValues.organizationId, actor.organizationId),
        eq(optionValues.listKey, listKey),
      ),
    )
    .for("update");
  if (!row) throw notFound("Option value");
  return row;
}

/** Renames, recolours, archives or restores a value at the version the caller saw. */
export async function changeOptionValue(
  db: Database,
  actor: Actor,
  listKey: string,
  id: string,
  change: OptionValueChange,
) {
  requireSettings(actor);
  requireKnownList(listKey);
  return db.transaction(async (tx) => {
    const current = await findValue(tx, actor, listKey, id);
    if (current.version !== change.version) {
      throw new AppError("version_conflict", `Option value was changed by someone else (now ${current.version})`, [
        { path: "version", message: `is ${change.version}, current is ${current.version}` },
      ]);
    }
    const { version: _, archived, ...labels } = change;
    await requireUniqueLabels(
      tx,
      actor,
      listKey,
      {
        labelZh: labels.labelZh === current.labelZh ? undefined : labels.labelZh,
        labelEn: labels.labelEn === current.labelEn ? undefined : labels.labelEn,
      },
      id,
    );
    const values = {
      ...labels,
      ...(archived === undefined ? {} : { archivedAt: archived ? (current.archivedAt ?? new Date()) : null }),
    };
    const changes = diffRecords(current, { ...current, ...values }, audited);
    if (changes.length === 0) return current;
    const [row] = await tx
      .update(optionValues)
      .set({ ...values, version: sql`${optionValues.version} + 1`, updatedAt: new Date() })
      .where(eq(optionValues.id, id))
      .returning();
    await audit(tx, actor, id, "update", changes);
    return row ?? current;
  });
}

/** Puts a list's values in the given order; `ids` must be exactly the list's values. */
export async function reorderOptionValues(db: Database, actor: Actor, listKey: string, ids: string[]) {
  requireSettings(actor);
  requireKnownList(listKey);
  return db.transaction(async (tx) => {
    const current = await tx
      .select()
      .from(optionValues)
      .where(and(eq(optionValues.organizationId, actor.organizationId), eq(optionValues.listKey, listKey)))
      .for("update");
    const byId = new Map(current.map((row) => [row.id, row]));
    if (ids.length !== current.length || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id))) {
      throw new AppError("validation_failed", "ids must list each value of the list once", [
        { path: "ids", message: "must list each value of the list once" },
      ]);
    }
    for (const [position, id] of ids.entries()) {
      const row = byId.get(id);
      if (!row || row.position === position) continue;
      await tx
        .update(optionValues)
        .set({ position, version: sql`${optionValues.version} + 1`, updatedAt: new Date() })
        .where(eq(optionValues.id, id));
      await audit(tx, actor, id, "update", [{ field: "position", from: row.position, to: position }]);
    }
    return listOptionValues(tx, actor.organizationId, [listKey]);
  });
}
