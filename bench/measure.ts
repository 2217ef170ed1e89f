// One way to count for both sides: every completed call's latency in ms, and completed calls per second.

export type Measurement = {
  ok: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU this (the load-generating) process used meanwhile, in cores. */
  clientCpu: number;
};

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function summarize(latencies: number[], errors: number, seconds: number, cpu: NodeJS.CpuUsage): Measurement {
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  return {
    ok: list.length,
    errors,
    seconds,
    rps: list.length / seconds,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    clientCpu: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

/** Runs `concurrency` loops calling task(n) back to back for `seconds`, n counting up across loops. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  task: (n: number) => Promise<void>,
): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  let firstError: unknown;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await task(n++);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  if (firstError && latencies.length === 0) throw firstError;
  if (firstError) console.error("  first error:", firstError instanceof Error ? firstError.message : firstError);
  return summarize(latencies, errors, (performance.now() - started) / 1000, process.cpuUsage(cpu));
}

/** The median of each figure over repeated runs (one run is returned as is). */
export function medianOf(runs: Measurement[]): Measurement & { rpsRange: [number, number] } {
  const pick = (k: keyof Measurement) => median(runs.map((r) => r[k]));
  const rps = runs.map((r) => r.rps);
  return {
    ok: pick("ok"),
    errors: pick("errors"),
    seconds: pick("seconds"),
    rps: pick("rps"),
    p50: pick("p50"),
    p95: pick("p95"),
    p99: pick("p99"),
    clientCpu: pick("clientCpu"),
    rpsRange: [Math.min(...rps), Math.max(...rps)],
  };
}

/** Share of all CPUs busy over `ms`, from /proc/stat (Linux); null elsewhere. */
export async function cpuBusy(ms = 1000): Promise<number | null> {
  const { readFile } = await import("node:fs/promises");
  const sample = async () => {
    const line = (await readFile("/proc/stat", "utf8").catch(() => "")).split("\n")[0] ?? "";
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  const a = await sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = await sample();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : null;
}

/**
 * Other work on the machine skews every figure: waits (up to maxSeconds) for the CPUs to be at
 * most `limit` busy, and answers the busy share it last saw.
 */
export async function waitForQuiet(maxSeconds: number, limit = 0.15): Promise<number | null> {
  const deadline = performance.now() + maxSeconds * 1000;
  let busy = await cpuBusy();
  while (busy !== null && busy > limit && performance.now() < deadline) busy = await cpuBusy();
  return busy;
}

type Ticks = { busy: number; all: number; ours: number; server: number; db: number };

/**
 * CPU ticks (1/100 s) so far: all CPUs' busy time; our processes' (this one, its children,
 * PostgreSQL backends of `database` if any); the server's; and those backends'.
 */
async function ticks(database: string | undefined, serverPid: number | undefined): Promise<Ticks | null> {
  const { readdir, readFile } = await import("node:fs/promises");
  const line = (await readFile("/proc/stat", "utf8").catch(() => "")).split("\n")[0] ?? "";
  if (!line) return null;
  // user nice system idle iowait irq softirq steal: interrupts are left out, as no process is charged for them.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const stats = new Map<number, { ppid: number; ticks: number }>();
  const pids = (await readdir("/proc")).filter((d) => /^\d+$/.test(d)).map(Number);
  await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime + stime; for this process also its finished children's (cutime + cstime).
      const own = Number(fields[11]) + Number(fields[12]);
      const children = pid === process.pid ? Number(fields[13]) + Number(fields[14]) : 0;
      if (fields.length > 14) stats.set(pid, { ppid: Number(fields[1]), ticks: own + children });
    }),
  );
  const descends = (pid: number): boolean => {
    for (let p: number | undefined = pid; p && p > 1; p = stats.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  const t: Ticks = {
    busy: user + nice + system + steal,
    all: user + nice + system + idle + iowait + irq + softirq + steal,
    ours: 0,
    server: 0,
    db: 0,
  };
  await Promise.all(
    [...stats].map(async ([pid, s]) => {
      if (pid === serverPid) t.server += s.ticks;
      // A backend's title reads "postgres: user rapport_bench 127.0.0.1(…) idle".
      const backend =
        database !== undefined &&
        (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).includes(` ${database} `);
      if (backend) t.db += s.ticks;
      if (backend || descends(pid)) t.ours += s.ticks;
    }),
  );
  return t;
}

export type CpuUse = {
  /** Share of all CPUs that other work on the machine (other people's tests, builds) used. */
  other: number | null;
  /** CPU seconds the server process and the database's backends used. */
  server: number | null;
  db: number | null;
};

/** Starts counting CPU use; the returned function answers it since the start (nulls: not Linux). */
export async function cpuMeter(database: string | undefined, serverPid?: number): Promise<() => Promise<CpuUse>> {
  const before = await ticks(database, serverPid);
  return async () => {
    const after = await ticks(database, serverPid);
    if (!before || !after || after.all === before.all) return { other: null, server: null, db: null };
    return {
      other: Math.max(0, (after.busy - before.busy - (after.ours - before.ours)) / (after.all - before.all)),
      server: serverPid ? (after.server - before.server) / 100 : null,
      db: database === undefined ? null : (after.db - before.db) / 100,
    };
  };
}
