import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database, Executor } from "../../platform/db/client.ts";
import { AppError, notFound, validationFailed } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { activeCustomFields } from "./custom.ts";
import { keepPlan, stampOf } from "./kept-plans.ts";
import { guessMapping, headerSignature, mappingTargets } from "./mapping.ts";
import { moduleOf, type PlannedRow, planImport, storedEncoding } from "./plan.ts";
import { type FileEncoding, readTable } from "./read-file.ts";
import { importJob } from "./run.ts";
import {
  type ColumnMapping,
  type ImportObjectType,
  type ImportOptions,
  importBatches,
  importMappings,
  importRows,
} from "./table.ts";
import { startUndo } from "./undo.ts";

export type BatchRow = typeof importBatches.$inferSelect;
const PREVIEW_ROWS = 10;
const PROBLEMS_SHOWN = 500;

function requireImport(actor: Actor, objectType: ImportObjectType): void {
  requirePermission(actor, moduleOf(objectType), "import");
  requirePermission(actor, moduleOf(objectType), "create");
}

/** A batch is its importer's; an admin sees every batch of the organization. */
const visibleBatches = (actor: Actor): SQL | undefined =>
  and(
    eq(importBatches.organizationId, actor.organizationId),
    actor.isAdmin ? undefined : eq(importBatches.createdBy, actor.userId),
  );

export async function getBatch(db: Executor, actor: Actor, id: string): Promise<BatchRow> {
  const [batch] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, id), visibleBatches(actor)));
  if (!batch) throw notFound("Import");
  return batch;
}

export async function listBatches(db: Executor, actor: Actor, objectType?: ImportObjectType) {
  return db
    .select()
    .from(importBatches)
    .where(and(visibleBatches(actor), objectType ? eq(importBatches.objectType, objectType) : undefined))
    .orderBy(desc(importBatches.createdAt))
    .limit(100);
}

/** Stores an uploaded file as a new batch and answers what the mapping step needs. */
export async function uploadFile(
  db: Database,
  actor: Actor,
  input: { objectType: ImportObjectType; fileName: string; encoding: FileEncoding; file: Buffer },
) {
  requireImport(actor, input.objectType);
  if (input.file.length === 0) throw validationFailed("file", "is empty");
  const table = await readTable(input.file, input.encoding);
  const signature = headerSignature(table.headers);
  const [remembered] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(
      and(
        eq(importMappings.organizationId, actor.organizationId),
        eq(importMappings.objectType, input.objectType),
        eq(importMappings.headerSignature, signature),
      ),
    );
  const [batch] = await db
    .insert(importBatches)
    .values({
      organizationId: actor.organizationId,
      objectType: input.objectType,
      fileName: input.fileName,
      encoding: table.encoding,
      file: input.file,
      headers: table.headers,
      totalRows: table.rows.length,
      createdBy: actor.userId,
    })
    .returning();
  if (!batch) throw new Error("insert returned no row");
  const fields = await activeCustomFields(db, actor.organizationId, input.objectType);
  const suggested = remembered?.mapping ?? guessMapping(input.objectType, table.headers, fields);
  return {
    batch,
    targets: mappingTargets(
      input.objectType,
      fields.map((f) => f.key),
    ),
    suggestedMapping: suggested,
    mappingRemembered: Boolean(remembered),
    sampleRows: table.rows.slice(0, PREVIEW_ROWS),
  };
}

async function checkMapping(db: Executor, actor: Actor, batch: BatchRow, mapping: ColumnMapping): Promise<void> {
  const { objectType, headers } = batch;
  const fields = await activeCustomFields(db, actor.organizationId, objectType);
  const targets = new Set(
    mappingTargets(
      objectType,
      fields.map((f) => f.key),
    ),
  );
  const used = new Set<string>();
  for (const [column, target] of Object.entries(mapping)) {
    const index = Number(column);
    if (!Number.isInteger(index) || index < 0 || index >= headers.length)
      throw validationFailed(`mapping.${column}`, "is not a column of the file");
    if (!targets.has(target))
      throw validationFailed(`mapping.${column}`, `${target} is not a field you can import into`);
    if (used.has(target)) throw validationFailed(`mapping.${column}`, `${target} is mapped from two columns`);
    used.add(target);
  }
  const nameTargets = objectType === "customer" ? ["name"] : ["name", "firstName", "lastName"];
  if (!nameTargets.some((t) => used.has(t))) throw validationFailed("mapping", "map a column to the name");
}

/** What the options ask beyond importing: updating needs the edit permission, creating customers theirs. */
function checkOptions(actor: Actor, batch: BatchRow, options: ImportOptions): void {
  if (options.duplicates === "update") requirePermission(actor, moduleOf(batch.objectType), "edit");
  if (!options.createCustomers) return;
  if (batch.objectType !== "contact") throw validationFailed("createCustomers", "applies to contact imports only");
  requirePermission(actor, "customers", "create");
}

async function rememberMapping(db: Executor, batch: BatchRow, mapping: ColumnMapping): Promise<void> {
  const row = {
    organizationId: batch.organizationId,
    objectType: batch.objectType,
    headerSignature: headerSignature(batch.headers),
    mapping,
    updatedAt: new Date(),
  };
  await db
    .insert(importMappings)
    .values(row)
    .onConflictDoUpdate({
      target: [importMappings.organizationId, importMappings.objectType, importMappings.headerSignature],
      set: { mapping, updatedAt: row.updatedAt },
    });
}

/** A row as the preview shows it: the record's values, its owner's and its company's names when the file gave them. */
const previewValues = (row: PlannedRow): Record<string, unknown> | null => {
  if (!row.input) return null;
  const linked = "customerId" in row.input && row.input.customerId ? { customer: row.customerName } : {};
  return { ...row.input, ...(row.owner ? { owner: row.owner.name } : {}), ...linked };
};

/** Validates every row without writing a record: counts, each problem by row and column, and a mapped preview. */
export async function dryRun(
  db: Database,
  actor: Actor,
  id: string,
  mapping: ColumnMapping,
  options: ImportOptions,
  locale: Locale = "en",
) {
  const batch = await getBatch(db, actor, id);
  requireImport(actor, batch.objectType);
  await checkMapping(db, actor, batch, mapping);
  checkOptions(actor, batch, options);
  const stamp = await stampOf(db, actor.organizationId);
  const plan = await planImport(db, actor, batch, mapping, options, locale);
  keepPlan(batch.id, { actor, mapping, options, locale }, stamp, plan);
  await db.update(importBatches).set({ mapping, options, updatedAt: new Date() }).where(eq(importBatches.id, batch.id));
  await rememberMapping(db, batch, mapping);
  const count = (action: string) => plan.rows.filter((r) => r.action === action).length;
  const problems = plan.rows.flatMap((r) => r.errors.map((e) => ({ row: r.rowNumber, ...e })));
  return {
    total: plan.rows.length,
    create: count("create"),
    update: count("update"),
    skip: count("skip"),
    error: count("error"),
    newCustomers: plan.newCustomers.length,
    problems: problems.slice(0, PROBLEMS_SHOWN),
    warnings: plan.rows
      .flatMap((r) =>
        [...r.warnings, ...(r.action === "skip" && r.message ? [r.message] : [])].map((message) => ({
          row: r.rowNumber,
          message,
        })),
      )
      .slice(0, PROBLEMS_SHOWN),
    preview: plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      row: r.rowNumber,
      action: r.action,
      values: previewValues(r),
    })),
  };
}

/** Queues the batch's run as a durable job; the client polls the batch for progress. */
export async function startRun(
  db: Database,
  actor: Actor,
  id: string,
  mapping: ColumnMapping,
  options: ImportOptions,
  locale: Locale = "en",
) {
  const batch = await getBatch(db, actor, id);
  requireImport(actor, batch.objectType);
  await checkMapping(db, actor, batch, mapping);
  checkOptions(actor, batch, options);
  return db.transaction(async (tx) => {
    const [queued] = await tx
      .update(importBatches)
      .set({ status: "queued", mapping, options, locale, updatedAt: new Date() })
      .where(and(eq(importBatches.id, batch.id), eq(importBatches.status, "uploaded")))
      .returning();
    if (!queued) {
      // The status now, not the one read before: a run that won the race has moved it on.
      const [current] = await tx
        .select({ status: importBatches.status })
        .from(importBatches)
        .where(eq(importBatches.id, batch.id));
      if (!current) throw notFound("Import");
      throw new AppError("conflict", `This import is already running or has run (it is ${current.status})`);
    }
    await rememberMapping(tx, batch, mapping);
    await importJob.enqueue(tx, {
      key: batch.id,
      payload: { batchId: batch.id },
      runAt: new Date(),
      organizationId: actor.organizationId,
    });
    return queued;
  });
}

export async function undoBatch(db: Database, actor: Actor, id: string, force: boolean) {
  const batch = await getBatch(db, actor, id);
  requirePermission(actor, moduleOf(batch.objectType), "import");
  return startUndo(db, batch.id, force, actor.userId);
}

/** Removes an upload that never ran (checked, perhaps, and then left): it wrote nothing, so nothing is lost. */
export async function deleteBatch(db: Executor, actor: Actor, id: string): Promise<void> {
  const batch = await getBatch(db, actor, id);
  requirePermission(actor, moduleOf(batch.objectType), "import");
  const [deleted] = await db
    .delete(importBatches)
    .where(and(eq(importBatches.id, batch.id), eq(importBatches.status, "uploaded")))
    .returning({ id: importBatches.id });
  if (!deleted)
    throw new AppError("conflict", `Only an import that never ran can be removed (this one is ${batch.status})`);
}

/** Every row's outcome, in file order, beside the row's own cells. */
export async function reportRows(db: Executor, actor: Actor, id: string) {
  const batch = await getBatch(db, actor, id);
  const outcomes = await db
    .select()
    .from(importRows)
    .where(eq(importRows.batchId, batch.id))
    .orderBy(importRows.rowNumber);
  const table = await readTable(batch.file, storedEncoding(batch.encoding));
  return { batch, headers: table.headers, outcomes, cells: (rowNumber: number) => table.rows[rowNumber - 2] ?? [] };
}
