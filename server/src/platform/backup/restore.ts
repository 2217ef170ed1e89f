import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseHandle, queryRows, type Transaction } from "../db/client.ts";
import { ownedSequences, qualified, quoteIdent, type TableRestorePlan } from "./catalog.ts";
import { BackupError, parseRowLine } from "./format.ts";
import { readGzipLines } from "./lines.ts";
import { type VerifiedBackup, verifyBackup } from "./verify.ts";

// Rows per INSERT: few statements, and a parameter of a few megabytes at most.
const BATCH_ROWS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;

export type RestoreSummary = { tables: number; rows: number; backupCreatedAt: string };

/** Verifies the file, then replaces every row of the database with the file's, all or nothing. */
export async function restoreBackup(handle: DatabaseHandle, file: string): Promise<RestoreSummary> {
  return restoreVerifiedBackup(handle, await verifyBackup(handle, file));
}

/**
 * Replaces the data in one transaction: empty every table, insert the file's rows table by table
 * (parents first), fill in the references that had to wait, and set sequences past the restored ids.
 * If the file changed since it was verified, the checksum fails at the end and nothing is kept.
 */
export async function restoreVerifiedBackup(handle: DatabaseHandle, backup: VerifiedBackup): Promise<RestoreSummary> {
  await handle.db.transaction(async (tx) => {
    const tableList = backup.plans.map((p) => qualified(p.table.name)).join(", ");
    await tx.execute(sql.raw(`truncate table ${tableList} restart identity`));
    await insertRows(tx, backup);
    await fillDeferredReferences(tx, backup);
    await resetSequences(tx);
  });
  return { tables: backup.plans.length, rows: backup.totalRows, backupCreatedAt: backup.header.createdAt };
}

/** Streams the file's rows in batches of one table each; the header and footer are skipped. */
async function* rowBatches(file: string, digestCheck?: (digest: string) => void) {
  const hash = createHash("sha256");
  let batch: { table: string; rows: string[]; bytes: number } | undefined;
  let previous: Buffer | undefined;
  for await (const line of readGzipLines(file)) {
    if (previous) {
      hash.update(previous).update("\n");
      const row = parseRowLine(previous.toString("utf8"));
      if (row) {
        if (batch && (batch.table !== row.table || batch.rows.length >= BATCH_ROWS || batch.bytes >= BATCH_BYTES)) {
          yield batch;
          batch = undefined;
        }
        batch ??= { table: row.table, rows: [], bytes: 0 };
        batch.rows.push(row.rowJson);
        batch.bytes += row.rowJson.length;
      }
    }
    previous = line;
  }
  if (batch) yield batch;
  digestCheck?.(hash.digest("hex"));
}

const columnList = (columns: string[]) => columns.map(quoteIdent).join(", ");
const jsonArray = (rows: string[]) => `[${rows.join(",")}]`;
const recordsOf = (table: string, rows: string[]): SQL =>
  sql`jsonb_populate_recordset(null::${sql.raw(qualified(table))}, ${jsonArray(rows)}::jsonb)`;

async function insertRows(tx: Transaction, backup: VerifiedBackup): Promise<void> {
  const plans = new Map(backup.plans.map((p) => [p.table.name, p]));
  const inserted = new Map<string, number>();
  const sameFile = (digest: string) => {
    if (digest !== backup.footer.sha256) throw new BackupError(`${backup.file} changed while it was being restored`);
  };
  for await (const batch of rowBatches(backup.file, sameFile)) {
    const plan = plans.get(batch.table);
    if (!plan) throw new BackupError(`${backup.file} changed while it was being restored`);
    const columns = plan.table.insertableColumns;
    const values = columns.map((c) => (plan.deferredColumns.includes(c) ? "null" : quoteIdent(c))).join(", ");
    // OVERRIDING SYSTEM VALUE: identity columns keep the backed-up ids.
    await tx.execute(
      sql`insert into ${sql.raw(qualified(batch.table))} (${sql.raw(columnList(columns))}) overriding system value
          select ${sql.raw(values)} from ${recordsOf(batch.table, batch.rows)}`,
    );
    inserted.set(batch.table, (inserted.get(batch.table) ?? 0) + batch.rows.length);
  }
  for (const [table, expected] of Object.entries(backup.footer.rows)) {
    if ((inserted.get(table) ?? 0) !== expected) {
      throw new BackupError(`${backup.file} changed while it was being restored`);
    }
  }
}

/** Second pass over the file, only as far as the last table with references inserted as null. */
async function fillDeferredReferences(tx: Transaction, backup: VerifiedBackup): Promise<void> {
  const withDeferred = new Map(backup.plans.filter((p) => p.deferredColumns.length > 0).map((p) => [p.table.name, p]));
  if (withDeferred.size === 0) return;
  const lastIndex = Math.max(...backup.plans.map((p, i) => (p.deferredColumns.length > 0 ? i : -1)));
  const lastTable = backup.plans[lastIndex]?.table.name;
  let reachedLast = false;
  for await (const batch of rowBatches(backup.file)) {
    if (reachedLast && batch.table !== lastTable) break;
    reachedLast ||= batch.table === lastTable;
    const plan = withDeferred.get(batch.table);
    if (plan) await updateDeferred(tx, plan, batch.rows);
  }
}

function updateDeferred(tx: Transaction, plan: TableRestorePlan, rows: string[]) {
  const set = plan.deferredColumns.map((c) => `${quoteIdent(c)} = source.${quoteIdent(c)}`).join(", ");
  const match = plan.table.primaryKey.map((c) => `target.${quoteIdent(c)} = source.${quoteIdent(c)}`).join(" and ");
  const anyValue = plan.deferredColumns.map((c) => `source.${quoteIdent(c)} is not null`).join(" or ");
  return tx.execute(
    sql`update ${sql.raw(qualified(plan.table.name))} as target set ${sql.raw(set)}
        from ${recordsOf(plan.table.name, rows)} as source
        where ${sql.raw(match)} and (${sql.raw(anyValue)})`,
  );
}

/** Serial and identity columns: the next id must come after the restored ones. */
async function resetSequences(tx: Transaction): Promise<void> {
  for (const { sequence, table, column } of await ownedSequences(tx)) {
    await queryRows(
      tx,
      sql`select setval(${sequence}::regclass, coalesce(max(${sql.raw(quoteIdent(column))}), 0) + 1, false)
          from ${sql.raw(qualified(table))}`,
    );
  }
}
