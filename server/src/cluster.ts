import cluster from "node:cluster";
import type { Config } from "./platform/config.ts";
import { startServer } from "./server.ts";

/** A worker that dies this soon after starting is not restarted: it would only die again. */
const MIN_LIFETIME_MS = 10_000;

/**
 * `start` with RAPPORT_WORKERS > 1 (PostgreSQL): the first process forks that many servers sharing the
 * port, since one Node process uses one core. Each worker is a whole node as several machines would
 * run it: migrations take turns, the first admin is created once, and each runs background jobs,
 * which the jobs table hands out one at a time. A worker that dies is restarted; SIGTERM or SIGINT
 * stops them all, each finishing its requests first.
 */
export function startWorkers(config: Config): void {
  if (!cluster.isPrimary) {
    void startServer(config).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
    return;
  }
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    console.log(`Rapport worker ${worker.process.pid} started`);
  };
  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Rapport worker ${worker.process.pid} exited (${signal ?? code})`);
    if (lived >= MIN_LIFETIME_MS) fork();
    else if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (let i = 0; i < config.workers; i++) fork();
}
