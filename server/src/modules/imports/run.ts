import { and, eq, inArray, sql } from "drizzle-orm";
import { diffRecords } from "../../platform/audit.ts";
import { actorOfUser } from "../../platform/auth/actor.ts";
import { type Database, isEmbedded, type Transaction } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { insertRows } from "../../platform/db/insert-rows.ts";
import { auditLog } from "../../platform/db/platform.table.ts";
import { AppError } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { ContactCreate } from "../contacts/schema.ts";
import { customerResource } from "../customers/service.ts";
import { addMissingValues } from "../option-lists/service.ts";
import { users } from "../users/table.ts";
import { takePlan } from "./kept-plans.ts";
import { type ImportPlan, newCustomerNote, type PlannedRow, planImport, tableOf, toldAt } from "./plan.ts";
import { type ImportObjectType, importBatches, importRows, type RowOutcome } from "./table.ts";
import { revertBatch } from "./undo.ts";

/** Rows written per transaction: a crash loses at most one chunk's work, which the retry redoes. */
const CHUNK = 2000;
const MAX_ATTEMPTS = 3;
/** Chunks written at once on PostgreSQL (PGlite has one connection and writes them in turn). */
const WRITERS = 2;

const entityTypeOf = (objectType: ImportObjectType) => objectType;

const nonEmpty = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

type Outcome = {
  rowNumber: number;
  outcome: RowOutcome;
  recordId?: string;
  recordVersion?: number;
  before?: Record<string, unknown>;
  message?: string;
};

function messageOf(row: PlannedRow): string | undefined {
  const parts = [
    ...row.errors.map((e) => `${e.field}: ${e.message}`),
    ...(row.message ? [row.message] : []),
    ...row.warnings,
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Writes one chunk of rows in the caller's transaction: records, their audit entries and the rows' outcomes. */
async function writeChunk(
  tx: Transaction,
  actor: Actor,
  batchId: string,
  objectType: ImportObjectType,
  rows: PlannedRow[],
  lockUniqueValues: ImportPlan["lockUniqueValues"],
): Promise<Outcome[]> {
  await lockUniqueValues(tx, rows);
  const t = tableOf(objectType);
  const entityType = entityTypeOf(objectType);
  const stamp = { field: "importBatch", from: null, to: batchId };
  const outcomes: Outcome[] = [];
  const audits: (typeof auditLog.$inferInsert)[] = [];

  const creates = rows.filter((r) => r.action === "create");
  const values = creates.map((row) => ({
    ...row.input,
    id: newId(),
    organizationId: actor.organizationId,
    ownerId: row.owner?.id ?? actor.userId,
    departmentId: row.owner ? row.owner.departmentId : actor.departmentId,
    createdBy: actor.userId,
  }));
  await insertRows(tx, t, values);
  creates.forEach((row, i) => {
    const v = values[i] as (typeof values)[number];
    outcomes.push({
      rowNumber: row.rowNumber,
      outcome: "created",
      recordId: v.id,
      recordVersion: 1,
      message: messageOf(row),
    });
    // The creation names its batch and file row, not the values: those are the row of the file kept
    // with the batch, and writing them again per record took a quarter of an import (decision 0011).
    audits.push({
      id: newId(),
      organizationId: actor.organizationId,
      entityType,
      entityId: v.id,
      action: "create",
      actorId: actor.userId,
      changes: [stamp, { field: "importRow", from: null, to: row.rowNumber }],
    });
  });

  const updates = rows.filter((r) => r.action === "update");
  const currentRows = updates.length
    ? ((await tx
        .select()
        .from(t)
        .where(
          inArray(
            t.id,
            updates.map((r) => r.targetId as string),
          ),
        )
        .for("update")) as Record<string, unknown>[])
    : [];
  const currentById = new Map(currentRows.map((r) => [r.id as string, r]));
  for (const row of updates) {
    const current = currentById.get(row.targetId as string);
    if (!current) {
      outcomes.push({ rowNumber: row.rowNumber, outcome: "skipped", message: "the matching record is gone" });
      continue;
    }
    // Only what the file gives: an empty cell never blanks an existing value.
    const given = Object.fromEntries(Object.entries(row.input ?? {}).filter(([, v]) => nonEmpty(v)));
    // Custom values merge onto the stored ones: a field the file does not have keeps its value.
    if (given.custom) given.custom = { ...(current.custom as object), ...(given.custom as object) };
    const changes = diffRecords(current, { ...current, ...given }, Object.keys(given));
    const version = Number(current.version);
    if (changes.length === 0) {
      outcomes.push({ rowNumber: row.rowNumber, outcome: "skipped", recordId: row.targetId, message: "no change" });
      continue;
    }
    const set = Object.fromEntries(changes.map((c) => [c.field, given[c.field]]));
    await tx
      .update(t)
      .set({ ...set, version: sql`${t.version} + 1`, updatedAt: new Date() } as never)
      .where(eq(t.id, row.targetId as string));
    outcomes.push({
      rowNumber: row.rowNumber,
      outcome: "updated",
      recordId: row.targetId,
      recordVersion: version + 1,
      before: Object.fromEntries(changes.map((c) => [c.field, current[c.field] ?? null])),
      message: messageOf(row),
    });
    audits.push({
      id: newId(),
      organizationId: actor.organizationId,
      entityType,
      entityId: row.targetId as string,
      action: "update",
      actorId: actor.userId,
      changes: [stamp, ...changes],
    });
  }

  for (const row of rows) {
    if (row.action === "skip")
      outcomes.push({ rowNumber: row.rowNumber, outcome: "skipped", recordId: row.targetId, message: messageOf(row) });
    if (row.action === "error") outcomes.push({ rowNumber: row.rowNumber, outcome: "error", message: messageOf(row) });
  }
  await insertRows(tx, auditLog, audits);
  await insertRows(
    tx,
    importRows,
    outcomes.map((o) => ({
      batchId,
      organizationId: actor.organizationId,
      rowNumber: o.rowNumber,
      outcome: o.outcome,
      recordId: o.recordId ?? null,
      recordVersion: o.recordVersion ?? null,
      before: o.before ?? null,
      message: o.message ?? null,
    })),
  );
  const count = (outcome: RowOutcome) => outcomes.filter((o) => o.outcome === outcome).length;
  await tx
    .update(importBatches)
    .set({
      processedRows: sql`${importBatches.processedRows} + ${rows.length}`,
      createdCount: sql`${importBatches.createdCount} + ${count("created")}`,
      updatedCount: sql`${importBatches.updatedCount} + ${count("updated")}`,
      skippedCount: sql`${importBatches.skippedCount} + ${count("skipped")}`,
      errorCount: sql`${importBatches.errorCount} + ${count("error")}`,
      updatedAt: new Date(),
    })
    .where(eq(importBatches.id, batchId));
  return outcomes;
}

/**
 * Creates the customers the contacts name that do not exist yet (the import's option), as the
 * importer's, each in its own savepoint: one the organization's rules refuse (a required custom
 * field) leaves its contacts without a company, with a note. The ids are kept on the batch, in the
 * same transaction, for the undo; a retried run finds them as customers and links them.
 */
async function createCustomers(db: Database, actor: Actor, batchId: string, plan: ImportPlan): Promise<void> {
  await db.transaction(async (tx) => {
    const idByName = new Map<string, string>();
    const refused = new Map<string, string>();
    for (const name of plan.newCustomers) {
      try {
        const created = await tx.transaction((sp) =>
          customerResource.create(sp, actor, { name, kind: "company", tags: [] }),
        );
        idByName.set(name.toLowerCase(), created.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused.set(name.toLowerCase(), error.message);
      }
    }
    for (const row of plan.rows) {
      const key = row.newCustomer?.toLowerCase();
      if (!key || !row.input) continue;
      const id = idByName.get(key);
      if (id) (row.input as ContactCreate).customerId = id;
      else {
        // In place of the note that it was created: the report tells what happened.
        const created = newCustomerNote(row.newCustomer ?? "", "run");
        row.warnings = row.warnings.filter((note) => note !== created);
        row.warnings.push(`company "${row.newCustomer}" could not be created: ${refused.get(key) ?? "unknown"}`);
      }
    }
    await tx
      .update(importBatches)
      .set({
        // Added to the ones an earlier attempt of this run created.
        options: sql`${importBatches.options} || jsonb_build_object('createdCustomers',
          coalesce(${importBatches.options}->'createdCustomers', '[]'::jsonb) || ${JSON.stringify([...idByName.values()])}::jsonb)`,
        updatedAt: new Date(),
      })
      .where(eq(importBatches.id, batchId));
  });
}

/**
 * Runs a batch: plans every row, then writes chunk by chunk, each chunk with its rows' outcomes in
 * one transaction. A retried run (crash, lost lease) skips the rows already recorded, so it resumes
 * where it stopped and never doubles a record. With errors in the file and "all or nothing", no
 * record is written: every row is reported and the batch fails.
 */
export async function runBatch(db: Database, batchId: string): Promise<void> {
  const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch || !["queued", "running"].includes(batch.status) || !batch.mapping || !batch.options) return;
  const actor = await actorOfUser(db, batch.createdBy);
  if (!actor) throw new Error("the importer is no longer an active user");
  await db.update(importBatches).set({ status: "running", updatedAt: new Date() }).where(eq(importBatches.id, batchId));
  // Messages name the choices in the language the run was started in, as the check did (a batch
  // queued before migration 0031 has none: the importer's).
  const importer = batch.locale
    ? undefined
    : (await db.select({ locale: users.locale }).from(users).where(eq(users.id, batch.createdBy)))[0];
  const locale: Locale = batch.locale ?? (importer?.locale === "en" ? "en" : "zh-CN");
  const basis = { actor, mapping: batch.mapping, options: batch.options, locale };
  // The check's plan, when nothing it read has changed since (kept-plans.ts); else planned again.
  const plan =
    (await takePlan(db, batchId, basis)) ??
    (await planImport(db, actor, batch, batch.mapping, batch.options, locale, "run"));
  const validOnly = batch.options.validOnly || !plan.rows.some((r) => r.action === "error");
  // All or nothing with errors writes nothing: the rows' notes speak of an import still to come, as the check did.
  toldAt(plan, validOnly ? "run" : "check");
  const done = new Set(
    (await db.select({ n: importRows.rowNumber }).from(importRows).where(eq(importRows.batchId, batchId))).map(
      (r) => r.n,
    ),
  );
  if (plan.newTags.length > 0 && validOnly) {
    await db.transaction((tx) => addMissingValues(tx, actor, "customer.tags", plan.newTags));
  }
  if (plan.newCustomers.length > 0 && validOnly) await createCustomers(db, actor, batchId, plan);
  const notImported = "not imported: the file has rows with errors (all or nothing)";
  const pending = plan.rows
    .filter((r) => !done.has(r.rowNumber))
    .map((r): PlannedRow => (validOnly || r.action === "error" ? r : { ...r, action: "skip", message: notImported }));
  // On PostgreSQL two chunks are written side by side, each in its own transaction: the database's
  // work per row (indexes, keys, constraints) is most of an import, and it then uses two cores.
  const chunks = Array.from({ length: Math.ceil(pending.length / CHUNK) }, (_, i) =>
    pending.slice(i * CHUNK, (i + 1) * CHUNK),
  );
  const writer = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      const rows = chunk;
      await db
        .transaction((tx) => writeChunk(tx, actor, batchId, batch.objectType, rows, plan.lockUniqueValues))
        .catch((error) => {
          chunks.length = 0; // the other writer stops after its chunk: the retry or the revert takes over
          throw error;
        });
    }
  };
  const written = await Promise.allSettled(Array.from({ length: isEmbedded(db) ? 1 : WRITERS }, writer));
  for (const result of written) if (result.status === "rejected") throw result.reason;
  await db
    .update(importBatches)
    .set({
      status: validOnly ? "done" : "failed",
      error: validOnly ? null : "The file has rows with errors and nothing was imported (all or nothing)",
      finishedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(importBatches.id, batchId), inArray(importBatches.status, ["queued", "running"])));
}

export const importJob = defineJob<{ batchId: string }>({
  queue: "import-batch",
  maxAttempts: MAX_ATTEMPTS,
  async handle({ db, payload, job }) {
    try {
      await runBatch(db, payload.batchId);
    } catch (error) {
      if (job.attempts < MAX_ATTEMPTS) throw error;
      // Given up: take back what the chunks wrote, so no half-imported batch stays behind.
      await revertBatch(db, payload.batchId, {
        from: ["queued", "running"],
        failedWith: String((error as Error).message ?? error),
      });
    }
  },
});
