import { z } from "zod";

/**
 * The backup file: gzip'd NDJSON. Line 1 is the header, then one line per row, `{"t":table,"r":row}`,
 * and last the footer with the row count of every table and the SHA-256 of all lines before it.
 * See docs/decisions/0003-backup-format.md.
 */
export const BACKUP_FORMAT = "rapport-backup";
export const BACKUP_FORMAT_VERSION = 1;

/** Table names are plain identifiers, so a row line's prefix can be found without a JSON parser. */
const tableName = z.string().regex(/^[a-z_][a-z0-9_]*$/, "must be a plain table name");

export const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  migrations: z.number().int().min(0),
  createdAt: z.iso.datetime({ offset: true }),
  /** Every table of the public schema, in the order their rows follow (parents before children). */
  tables: z.array(tableName),
});
export type BackupHeader = z.infer<typeof headerSchema>;

export const footerSchema = z.strictObject({
  rows: z.record(z.string(), z.number().int().min(0)),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupFooter = z.infer<typeof footerSchema>;

/** Why a backup cannot be made or restored: shown to the operator as is. */
export class BackupError extends Error {}

const rowLinePrefix = '{"t":"';
const rowMarker = '","r":';

/** One row line. rowJson is the row exactly as the database wrote it (no float or bigint rounding). */
export function formatRowLine(table: string, rowJson: string): string {
  return `${rowLinePrefix}${table}${rowMarker}${rowJson}}`;
}

export function isRowLine(line: string): boolean {
  return line.startsWith(rowLinePrefix);
}

/** Splits a row line into its table and the row's JSON text, or answers null if it is not one. */
export function parseRowLine(line: string): { table: string; rowJson: string } | null {
  if (!line.startsWith(rowLinePrefix) || !line.endsWith("}")) return null;
  const markerAt = line.indexOf(rowMarker, rowLinePrefix.length);
  if (markerAt < 0) return null;
  const table = line.slice(rowLinePrefix.length, markerAt);
  const rowJson = line.slice(markerAt + rowMarker.length, -1);
  if (!tableName.safeParse(table).success || !rowJson.startsWith("{")) return null;
  return { table, rowJson };
}
