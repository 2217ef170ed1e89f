import { createHash } from "node:crypto";
import type { DatabaseHandle } from "../db/client.ts";
import { appliedMigrationCount } from "../db/migrate.ts";
import { type Catalog, planRestore, readCatalog, type TableRestorePlan } from "./catalog.ts";
import {
  BackupError,
  type BackupFooter,
  type BackupHeader,
  footerSchema,
  headerSchema,
  parseRowLine,
} from "./format.ts";
import { readGzipLines } from "./lines.ts";

/** A backup file that has been read to the end and found whole, and how to restore it here. */
export type VerifiedBackup = {
  file: string;
  header: BackupHeader;
  footer: BackupFooter;
  plans: TableRestorePlan[];
  totalRows: number;
};

const notABackup = (file: string, why: string) => new BackupError(`${file} is not a Rapport backup: ${why}`);
const damaged = (file: string, why: string) => new BackupError(`${file} is damaged: ${why}`);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads the whole file (streaming) and checks everything that can be checked before a restore
 * overwrites anything: gzip, header, the target's schema version and tables, every row line,
 * the per-table counts and the checksum in the footer.
 */
export async function verifyBackup(handle: DatabaseHandle, file: string): Promise<VerifiedBackup> {
  const migrations = await appliedMigrationCount(handle);
  const catalog = await readCatalog(handle.db);
  const hash = createHash("sha256");
  const counts = new Map<string, number>();
  let header: BackupHeader | undefined;
  let tableIndex = 0;
  // The footer is the last line, which is known only at the end: each line is checked one line late.
  let previous: Buffer | undefined;
  for await (const line of readGzipLines(file)) {
    if (previous) {
      hash.update(previous).update("\n");
      if (!header) header = checkHeader(file, previous, migrations, catalog);
      else tableIndex = checkRowLine(file, previous, header, tableIndex, counts);
    }
    previous = line;
  }
  if (!header || !previous) throw notABackup(file, previous ? "it has no rows and no footer" : "it is empty");
  const footer = checkFooter(file, previous, header, counts, hash.digest("hex"));
  const planned = planRestore(catalog, header.tables);
  if ("problem" in planned) throw new BackupError(`${file} cannot be restored here: ${planned.problem}`);
  const totalRows = [...counts.values()].reduce((sum, n) => sum + n, 0);
  return { file, header, footer, plans: planned.plans, totalRows };
}

function checkHeader(file: string, line: Buffer, migrations: number, catalog: Catalog): BackupHeader {
  const parsed = headerSchema.safeParse(parseJson(line.toString("utf8")));
  if (!parsed.success) throw notABackup(file, "the first line is not a Rapport backup header");
  const header = parsed.data;
  if (header.migrations !== migrations) {
    throw new BackupError(
      `${file} was made by a Rapport whose database had ${header.migrations} migrations; this one has ${migrations}. ` +
        "Restore it with the Rapport version that made it (then upgrade).",
    );
  }
  const expected = [...catalog.keys()].sort().join(", ");
  const inFile = [...header.tables].sort().join(", ");
  if (expected !== inFile || new Set(header.tables).size !== header.tables.length) {
    throw new BackupError(`${file} holds the tables ${inFile}; this database has ${expected}`);
  }
  return header;
}

/** Checks one row line and answers the index of its table (tables come one after another, in header order). */
function checkRowLine(
  file: string,
  line: Buffer,
  header: BackupHeader,
  tableIndex: number,
  counts: Map<string, number>,
): number {
  const row = parseRowLine(line.toString("utf8"));
  if (!row) throw damaged(file, "a line is neither a row nor the footer");
  const index = header.tables.indexOf(row.table, tableIndex);
  if (index < 0) throw damaged(file, `rows of ${row.table} are out of order or of an unknown table`);
  counts.set(row.table, (counts.get(row.table) ?? 0) + 1);
  return index;
}

function checkFooter(
  file: string,
  line: Buffer,
  header: BackupHeader,
  counts: Map<string, number>,
  digest: string,
): BackupFooter {
  const parsed = footerSchema.safeParse(parseJson(line.toString("utf8")));
  if (!parsed.success) throw damaged(file, "the footer is missing (the file was cut short?)");
  const footer = parsed.data;
  if (Object.keys(footer.rows).length !== header.tables.length) throw damaged(file, "the footer counts other tables");
  for (const table of header.tables) {
    const expected = footer.rows[table];
    if (expected === undefined) throw damaged(file, `the footer does not count ${table}`);
    if (expected !== (counts.get(table) ?? 0)) {
      throw damaged(file, `${table} should have ${expected} rows, the file holds ${counts.get(table) ?? 0}`);
    }
  }
  if (footer.sha256 !== digest) throw damaged(file, "the checksum does not match the content");
  return footer;
}
