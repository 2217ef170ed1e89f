import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/harness.ts";
import { databaseUrl } from "../test/pg-url.ts";
import { queryRows } from "./platform/db/client.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const env = (extra: Record<string, string>) => ({
  ...process.env,
  RAPPORT_ADMIN_EMAIL: "",
  RAPPORT_ADMIN_PASSWORD: "",
  RAPPORT_LOG_LEVEL: "warn",
  HOST: "127.0.0.1",
  ...extra,
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

it("refuses several workers on the embedded database, naming the setting", async () => {
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["server/src/main.ts", "start"],
      { cwd: repoRoot, env: env({ DATABASE_URL: "", RAPPORT_WORKERS: "2" }) },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/RAPPORT_WORKERS: more than one needs DATABASE_URL/);
}, 60_000);

// Several server processes on one port: only with a PostgreSQL server (embedded mode is one process).
if (process.env.TEST_DATABASE_URL) {
  describe("RAPPORT_WORKERS", () => {
    it("serves from that many processes, and SIGTERM stops every one of them", async () => {
      const handle = await openTestDatabase();
      let primary: ChildProcess | undefined;
      try {
        const [{ name } = { name: "" }] = await queryRows<{ name: string }>(
          handle.db,
          sql`select current_database() as name`,
        );
        const port = await freePort();
        primary = spawn(process.execPath, ["server/src/main.ts", "start"], {
          cwd: repoRoot,
          env: env({
            DATABASE_URL: databaseUrl(process.env.TEST_DATABASE_URL ?? "", name),
            RAPPORT_WORKERS: "2",
            PORT: String(port),
          }),
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        primary.stdout?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        const workers = () => [...output.matchAll(/Rapport worker (\d+) started/g)].map((m) => Number(m[1]));
        await expect.poll(() => workers().length, { timeout: 30_000 }).toBe(2);
        await expect
          .poll(
            () =>
              fetch(`http://127.0.0.1:${port}/healthz`).then(
                (r) => r.status,
                () => 0,
              ),
            { timeout: 60_000 },
          )
          .toBe(200);
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status)),
        );
        expect(answers.every((status) => status === 200)).toBe(true);
        expect(workers().every(isAlive)).toBe(true);

        const exited = once(primary, "exit");
        primary.kill("SIGTERM");
        const [code] = await exited;
        expect(code).toBe(0);
        expect(workers().some(isAlive)).toBe(false);
      } finally {
        if (primary && primary.exitCode === null) primary.kill("SIGKILL");
        await handle.drop();
      }
    }, 120_000);
  });
}
