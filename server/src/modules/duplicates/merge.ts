import { and, eq, inArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { AppError, notFound, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { moveReferences } from "../../platform/references.ts";
import { requireObject } from "./check.ts";
import type { DuplicateObject, Row } from "./objects.ts";
import { duplicateMerges } from "./table.ts";

export type MergeInput = {
  objectType: string;
  survivor: { id: string; version: number };
  merged: { id: string; version: number }[];
  /** Field -> the id of the record whose value survives; fields not named keep the survivor's. */
  values: Record<string, string>;
  /** Custom field key -> the id of the record whose value survives. */
  custom?: Record<string, string>;
};

/** Whether the actor sees the record in the trash (where a merge cannot take it), writable or not. */
async function isTrashedForActor(db: Executor, object: DuplicateObject, actor: Actor, id: string) {
  try {
    await object.resource.findWritable(db, actor, id, true);
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Seen there but read-only: in the trash all the same.
    if (error.code === "forbidden") return true;
    if (error.code === "not_found") return false;
    throw error;
  }
}

const conflict = (path: string, expected: number, current: number) =>
  new AppError("version_conflict", `A record was changed by someone else (now version ${current})`, [
    { path, message: `is ${expected}, current is ${current}` },
  ]);

/**
 * Merges records into one survivor, all in one transaction: the survivor takes the picked values
 * (needs edit on it), every reference to the merged records moves to it (platform/references.ts),
 * and the merged records go to the trash (needs delete on each), marked in their history as merged
 * into the survivor. Anything failing on the way, a stale version included, changes nothing.
 */
export async function mergeRecords(db: Database, actor: Actor, input: MergeInput) {
  const object = requireObject(input.objectType);
  const { resource } = object;
  resource.requirePermission(actor, "edit");
  resource.requirePermission(actor, "delete");
  const ids = [input.survivor.id, ...input.merged.map((m) => m.id)];
  if (new Set(ids).size !== ids.length)
    throw validationFailed("merged", "must be other records than the survivor, each once");
  for (const [field, source] of Object.entries(input.values)) {
    if (!object.mergeFields.includes(field))
      throw validationFailed(`values.${field}`, "is not a field a merge can pick");
    if (!ids.includes(source)) throw validationFailed(`values.${field}`, "must be the id of one of the merged records");
  }
  for (const [key, source] of Object.entries(input.custom ?? {})) {
    if (!ids.includes(source)) throw validationFailed(`custom.${key}`, "must be the id of one of the merged records");
  }

  return db.transaction(async (tx) => {
    // Lock every record first, in id order, so two merges of overlapping records cannot deadlock.
    const t = object.table;
    await tx
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.organizationId, actor.organizationId), inArray(t.id, [...ids].sort())))
      .orderBy(t.id)
      .for("update");
    const rows = new Map<string, Row>();
    for (const [i, id] of ids.entries()) {
      const path = i === 0 ? "survivor.id" : `merged.${i - 1}.id`;
      const row = await resource.get(tx, actor, id).catch(async (error: unknown) => {
        if (!(error instanceof AppError && error.code === "not_found")) throw error;
        if (await isTrashedForActor(tx, object, actor, id)) {
          throw new AppError("conflict", `${object.objectType} ${id} is in the trash: restore it first`, [
            { path, message: "is in the trash: restore it first" },
          ]);
        }
        throw new AppError("not_found", `${object.objectType} ${id} not found`, [
          { path, message: "is not a record you can see" },
        ]);
      });
      rows.set(id, row);
    }
    const survivor = rows.get(input.survivor.id);
    if (!survivor) throw notFound();
    if (survivor.version !== input.survivor.version) {
      throw conflict("survivor.version", input.survivor.version, survivor.version);
    }

    const picked: Record<string, unknown> = {};
    for (const [field, source] of Object.entries(input.values)) {
      if (source !== survivor.id) picked[field] = rows.get(source)?.[field] ?? null;
    }
    const customPicked: Record<string, unknown> = {};
    for (const [key, source] of Object.entries(input.custom ?? {})) {
      const value = (rows.get(source)?.custom as Record<string, unknown> | undefined)?.[key];
      if (source !== survivor.id) customPicked[key] = value ?? null;
    }
    if (Object.keys(customPicked).length > 0) picked.custom = customPicked;
    const mergedIds = input.merged.map((m) => m.id);
    const moved = await moveReferences(tx, actor, object.objectType, mergedIds, survivor.id);
    // The history names the records as people know them (the ids stay in duplicate_merges), the survivor
    // by the name it keeps.
    const nameOf = (id: string) => String(rows.get(id)?.name ?? id);
    const survivorName = picked.name === undefined ? nameOf(survivor.id) : String(picked.name);

    for (const [i, { id, version }] of input.merged.entries()) {
      // Checked now, not up front: a record changed meanwhile undoes the work above too.
      const current = rows.get(id);
      if (current && current.version !== version) throw conflict(`merged.${i}.version`, version, current.version);
      await resource.trash(tx, actor, id);
      await writeAudit(tx, actor, {
        entityType: object.objectType,
        entityId: id,
        action: "merge",
        changes: [{ field: "mergedInto", from: null, to: survivorName }],
      });
    }
    // After the trash: a unique value picked from a merged record is then free for the survivor.
    if (Object.keys(picked).length > 0) {
      // The merge is the owner change's record (its audit entry), so a picked owner is taken.
      // The values come from the merged records, which hold them: an option archived since (or a user
      // deactivated since) stays allowed, as it would on those records.
      const heldBy = mergedIds.map((id) => rows.get(id)).filter((row): row is Row => row !== undefined);
      await resource.update(
        tx,
        actor,
        survivor.id,
        { version: survivor.version, ...picked },
        { ownerChange: true, heldBy },
      );
    }
    await writeAudit(tx, actor, {
      entityType: object.objectType,
      entityId: survivor.id,
      action: "merge",
      changes: [{ field: "mergedFrom", from: null, to: mergedIds.map(nameOf) }],
    });
    await tx.insert(duplicateMerges).values({
      organizationId: actor.organizationId,
      objectType: object.objectType,
      survivorId: survivor.id,
      mergedIds,
      actorId: actor.userId,
      before: Object.fromEntries([...rows].map(([id, row]) => [id, object.toApi(row)])),
    });
    const result = await resource.get(tx, actor, survivor.id);
    return { record: object.toApi(result), moved };
  });
}
