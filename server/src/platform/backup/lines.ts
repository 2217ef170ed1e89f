import fs from "node:fs";
import zlib from "node:zlib";
import { BackupError } from "./format.ts";

const NEWLINE = 0x0a;
// A row of a CRM is kilobytes; anything this long is not a Rapport backup, and must not fill memory.
const MAX_LINE_BYTES = 256 * 1024 * 1024;

/**
 * Streams the lines of a gzip'd file as raw bytes, without the newline. Raw bytes, not strings,
 * so the checksum covers exactly what is on disk. Unreadable or damaged gzip ends in a BackupError.
 */
export async function* readGzipLines(file: string): AsyncGenerator<Buffer> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
        pending.push(chunk.subarray(start, end));
        yield Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        start = end + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_LINE_BYTES)
          throw new BackupError(`${file} is not a Rapport backup (a line is too long)`);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable Rapport backup: ${explain(error)}`);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

function explain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = "code" in error ? error.code : undefined;
  if (code === "ENOENT") return "no such file";
  if (code === "Z_BUF_ERROR") return "the file is cut short";
  if (code === "Z_DATA_ERROR") return `damaged gzip (${error.message})`;
  return error.message;
}
