// The app as users run it: `node server/src/main.ts start` in a child process, driven by autocannon.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import type { ApiRequest } from "./capture.ts";
import { type Measurement, summarize } from "./measure.ts";

export const root = path.resolve(import.meta.dirname, "..");

export type RunningServer = { url: string; pid: number | undefined; readyMs: number; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** Starts the server and answers once GET /healthz is 200; readyMs counts from the spawn. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("RAPPORT_") && k !== "DATABASE_URL" && k !== "PORT"),
  );
  const started = performance.now();
  const child = spawn(process.execPath, ["server/src/main.ts", "start"], {
    cwd: root,
    env: { ...clean, HOST: "127.0.0.1", PORT: String(port), RAPPORT_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  // If the bench dies (an error, a closed pipe), the server must not outlive it.
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);
  const stop = async () => {
    process.off("exit", orphanGuard);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  };
  while (performance.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, pid: child.pid, readyMs: performance.now() - started, stop };
    await new Promise((r) => setTimeout(r, 10));
  }
  await stop();
  throw new Error(`server not ready after 120 s:\n${output}`);
}

/** Sends request(0), request(1), … over `connections` keep-alive connections for `seconds`. */
export function measureHttp(
  url: string,
  request: (n: number) => ApiRequest,
  connections: number,
  seconds: number,
): Promise<Measurement> {
  const latencies: number[] = [];
  let failed = 0;
  let n = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (base) => {
              const r = request(n++);
              const headers: Record<string, string> = { authorization: `Bearer ${r.key}` };
              if (r.body) headers["content-type"] = "application/json";
              return { ...base, method: r.method, path: r.path, headers, ...(r.body ? { body: r.body } : {}) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const elapsed = (performance.now() - started) / 1000;
        resolve(summarize(latencies, failed + result.errors + result.timeouts, elapsed, process.cpuUsage(cpu)));
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failed++;
    });
  });
}
