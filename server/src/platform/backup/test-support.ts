// Helpers for the backup tests (not used by the app).
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, queryRows } from "../db/client.ts";
import { qualified, readCatalog } from "./catalog.ts";

/** Every row of every public table, as JSON text in UTC, sorted: two databases with equal snapshots hold equal data. */
export async function snapshot(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  return handle.db.transaction(async (tx) => {
    // Times render with the session's offset; one zone for both sides of a comparison.
    await tx.execute(sql`set local time zone 'UTC'`);
    const result: Record<string, string[]> = {};
    for (const table of [...(await readCatalog(tx)).keys()].sort()) {
      const rows = await queryRows<{ row: string }>(
        tx,
        sql.raw(`select to_jsonb(t)::text as row from ${qualified(table)} t order by 1`),
      );
      result[table] = rows.map((r) => r.row);
    }
    return result;
  });
}

export const rowCount = (data: Record<string, string[]>) =>
  Object.values(data).reduce((sum, rows) => sum + rows.length, 0);

export function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "rapport-backup-"));
}

/**
 * Writes a changed copy of a backup: transform gets its lines (header … footer). With rehash, the footer's
 * checksum is made to fit again, as a forger would, so the checks behind the checksum are tested too.
 */
export function rewriteBackup(
  from: string,
  to: string,
  transform: (lines: string[]) => string[],
  options: { rehash?: boolean } = {},
): string {
  const lines = zlib.gunzipSync(fs.readFileSync(from)).toString("utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  let changed = transform(lines);
  if (options.rehash) {
    const body = changed.slice(0, -1);
    const footer = JSON.parse(changed.at(-1) ?? "{}") as Record<string, unknown>;
    const sha256 = createHash("sha256")
      .update(body.map((l) => `${l}\n`).join(""))
      .digest("hex");
    changed = [...body, JSON.stringify({ ...footer, sha256 })];
  }
  fs.writeFileSync(to, zlib.gzipSync(`${changed.map((l) => `${l}\n`).join("")}`));
  return to;
}
