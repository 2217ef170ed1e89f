import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    migratedDataDir: string;
  }
}

/**
 * Migrates one embedded database once; each test file's Rapport then starts on a copy of it. The
 * migrations took about 7 s of every start, most of a browser-test file's setup.
 */
export default function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-template-"));
  execFileSync(process.execPath, ["server/src/main.ts", "migrate"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("migratedDataDir", dataDir);
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
