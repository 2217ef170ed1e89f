import {
  type BackupSummary,
  type RestoreSummary,
  restoreVerifiedBackup,
  verifyBackup,
  writeBackup,
} from "../platform/backup/index.ts";
import type { DatabaseHandle } from "../platform/db/client.ts";
import { CliError } from "./support.ts";

/** `backup <file>`: the whole database in one file. */
export function backupCommand(handle: DatabaseHandle, file: string): Promise<BackupSummary> {
  return writeBackup(handle, file);
}

export type RestoreOptions = {
  /** Skip the question (scripts, cron). */
  yes?: boolean;
  /** Asks the operator; answers whether to go on. Absent: no one to ask, so --yes is required. */
  confirm?: (question: string) => Promise<boolean>;
};

/**
 * `restore <file>`: checks the whole file first (a damaged or foreign file is refused before anything
 * changes), asks, then replaces every row of the database in one transaction.
 */
export async function restoreCommand(
  handle: DatabaseHandle,
  file: string,
  options: RestoreOptions,
): Promise<RestoreSummary | null> {
  const backup = await verifyBackup(handle, file);
  if (!options.yes) {
    if (!options.confirm) throw new CliError("Restoring replaces all data in this database; add --yes to go ahead");
    const question =
      `${file} is a whole backup from ${backup.header.createdAt} (${backup.totalRows} rows). ` +
      "Replace ALL data in this database with it?";
    if (!(await options.confirm(question))) return null;
  }
  return restoreVerifiedBackup(handle, backup);
}
