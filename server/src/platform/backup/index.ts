export { BackupError } from "./format.ts";
export { type RestoreSummary, restoreBackup, restoreVerifiedBackup } from "./restore.ts";
export { type VerifiedBackup, verifyBackup } from "./verify.ts";
export { type BackupSummary, writeBackup } from "./write.ts";
