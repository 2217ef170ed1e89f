import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, queryRows, type Transaction } from "../db/client.ts";
import { appliedMigrationCount } from "../db/migrate.ts";
import { insertionOrder, qualified, readCatalog } from "./catalog.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  type BackupFooter,
  type BackupHeader,
  formatRowLine,
} from "./format.ts";

const FETCH_ROWS = 1000;

export type BackupSummary = { file: string; tables: number; rows: number; bytes: number };

/**
 * Writes every row of every table into one gzip'd file, from one consistent snapshot, streaming
 * (a million customers never sit in memory). The file appears only when complete.
 */
export async function writeBackup(handle: DatabaseHandle, file: string): Promise<BackupSummary> {
  // Before the transaction: PGlite has one connection, busy with the transaction until it ends.
  const migrations = await appliedMigrationCount(handle);
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  const rows: Record<string, number> = {};
  try {
    await handle.db.transaction(
      async (tx) => {
        const catalog = await readCatalog(tx);
        const tables = insertionOrder(catalog);
        const unsupported = tables.find((t) => !/^[a-z_][a-z0-9_]*$/.test(t));
        if (unsupported) throw new BackupError(`Table "${unsupported}" has a name the backup format cannot hold`);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          migrations,
          createdAt: new Date().toISOString(),
          tables,
        };
        await pipeline(
          Readable.from(backupLines(tx, header, rows)),
          zlib.createGzip({ level: 6 }),
          fs.createWriteStream(partial, { flags: "wx", mode: 0o600 }),
        );
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return { file: target, tables: Object.keys(rows).length, rows: total, bytes: fs.statSync(target).size };
}

async function* backupLines(tx: Transaction, header: BackupHeader, rows: Record<string, number>) {
  const hash = createHash("sha256");
  yield hashed(hash, `${JSON.stringify(header)}\n`);
  for (const table of header.tables) {
    rows[table] = 0;
    // The database renders each row as JSON text: exact numbers, ISO times with offsets, arrays, jsonb.
    await tx.execute(
      sql.raw(`declare rapport_backup no scroll cursor for select to_jsonb(t)::text as row from ${qualified(table)} t`),
    );
    for (;;) {
      const batch = await queryRows<{ row: string }>(tx, sql.raw(`fetch forward ${FETCH_ROWS} from rapport_backup`));
      if (batch.length === 0) break;
      rows[table] += batch.length;
      yield hashed(hash, batch.map((r) => `${formatRowLine(table, r.row)}\n`).join(""));
    }
    await tx.execute(sql.raw("close rapport_backup"));
  }
  const footer: BackupFooter = { rows, sha256: hash.digest("hex") };
  yield `${JSON.stringify(footer)}\n`;
}

function hashed(hash: Hash, text: string): string {
  hash.update(text, "utf8");
  return text;
}
