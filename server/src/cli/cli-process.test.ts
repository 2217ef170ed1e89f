import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { openEmbedded } from "../platform/db/client.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs `node server/src/main.ts …` as an operator would, on an embedded database in a temporary directory. */
function rapport(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    RAPPORT_DATA_DIR: dataDir,
    DATABASE_URL: "",
    RAPPORT_ADMIN_EMAIL: "",
    RAPPORT_ADMIN_PASSWORD: "",
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ["server/src/main.ts", ...args], { cwd: repoRoot, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

it("creates the first admin from the command line, who can then sign in; bad input exits non-zero", async () => {
  const created = await rapport("user", "create", "--email", "first@proc.test", "--name", "First", "--admin");
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const password = /Password \(shown only now[^:]*\): (\S+)/.exec(created.stdout)?.[1];
  expect(password).toBeDefined();

  const weak = await rapport("user", "reset-password", "--email", "first@proc.test", "--password", "short");
  expect(weak.code).toBe(1);
  expect(weak.stderr).toMatch(/at least 8 characters/);

  // The command closed its database, so everything it wrote is on disk.
  const handle = await openEmbedded(path.join(dataDir, "db"));
  const app = await buildApp({ db: handle.db });
  try {
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "first@proc.test", password },
    });
    expect(login.statusCode).toBe(200);
  } finally {
    await app.close();
    await handle.close();
  }
}, 90_000);
