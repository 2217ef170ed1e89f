// Targets, the printed tables and bench/results/latest.json.
import fs from "node:fs";
import path from "node:path";
import type { Measurement } from "./measure.ts";

export type Stat = Measurement & {
  rpsRange: [number, number];
  /** Share of the CPUs busy just before the run, and used by other processes during it (null: not Linux). */
  busyBefore: number | null;
  otherCpu: number | null;
  /** CPU ms per request: of the server process (API runs), of the PostgreSQL backends. */
  serverCpuMs: number | null;
  dbCpuMs: number | null;
};
export type ScenarioResult = { name: string; api: Stat; baseline: Stat; ratio: number };
export type Target = { name: string; scenario: string | null; measured: string; pass: boolean };
export type DatabaseResult = {
  database: "postgres" | "embedded";
  version: string;
  customers: number;
  contacts: number;
  seedSeconds: number;
  /** Spawn to the first 200 from /healthz, on the seeded data, each start. */
  startupMs: number[];
  startupMedianMs: number;
  connections: number;
  baselineConcurrency: number;
  scenarios: ScenarioResult[];
  targets: Target[];
};
export type BenchResults = {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; platform: string };
  options: Record<string, unknown>;
  databases: DatabaseResult[];
};

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : "-");
const rate = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "-");

export function evaluateTargets(db: Omit<DatabaseResult, "targets">): Target[] {
  const find = (name: string) => db.scenarios.find((s) => s.name === name);
  const targets: Target[] = [];
  if (db.database === "postgres") {
    const list = find("list");
    if (list) {
      targets.push({
        name: "list p95 ≤ 25 ms",
        scenario: "list",
        measured: `${ms(list.api.p95)} ms`,
        pass: list.api.p95 <= 25,
      });
      targets.push({
        name: "list req/s ≥ 50 % of baseline",
        scenario: "list",
        measured: `${(list.ratio * 100).toFixed(0)} %`,
        pass: list.ratio >= 0.5,
      });
    }
    const p95AtMost = (scenario: string, limit: number) => {
      const found = find(scenario);
      if (found)
        targets.push({
          name: `${scenario} p95 ≤ ${limit} ms`,
          scenario,
          measured: `${ms(found.api.p95)} ms`,
          pass: found.api.p95 <= limit,
        });
    };
    p95AtMost("search", 50);
    p95AtMost("global search", 50);
    p95AtMost("timeline", 30);
  } else {
    targets.push({
      name: "ready ≤ 5 s after start",
      scenario: null,
      measured: `${(db.startupMedianMs / 1000).toFixed(2)} s`,
      pass: db.startupMedianMs <= 5000,
    });
  }
  return targets;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** "app + db (base db)": where each request's CPU went, API beside baseline. */
function cpuPerRequest(s: ScenarioResult): string {
  const v = (x: number | null) => (x === null ? "-" : x.toFixed(2));
  if (s.api.dbCpuMs === null) return v(s.api.serverCpuMs);
  return `${v(s.api.serverCpuMs)} + ${v(s.api.dbCpuMs)} (${v(s.baseline.dbCpuMs)})`;
}

/** Markdown tables, so the output pastes into docs/benchmarks.md as it is. */
export function formatDatabase(db: DatabaseResult): string {
  const columns = "scenario|p50 ms|p95 ms|req/s|base p50|base p95|base req/s|ratio|CPU ms/req|errors|other CPU|targets";
  const rows = [columns.split("|")];
  for (const s of db.scenarios) {
    const marks = db.targets.filter((t) => t.scenario === s.name).map((t) => `${t.name}: ${t.pass ? "PASS" : "FAIL"}`);
    rows.push([
      s.name,
      ms(s.api.p50),
      ms(s.api.p95),
      rate(s.api.rps),
      ms(s.baseline.p50),
      ms(s.baseline.p95),
      rate(s.baseline.rps),
      s.ratio.toFixed(2),
      cpuPerRequest(s),
      String(s.api.errors + s.baseline.errors),
      [s.api.otherCpu, s.baseline.otherCpu].map((b) => (b === null ? "-" : `${(b * 100).toFixed(0)}%`)).join(" / "),
      marks.join("; "),
    ]);
  }
  const head =
    `### ${db.database === "postgres" ? "PostgreSQL" : "Embedded (PGlite)"}: ${db.customers.toLocaleString("en")} customers, ${db.contacts.toLocaleString("en")} contacts\n\n` +
    `${db.version}; seeded in ${db.seedSeconds.toFixed(1)} s; API over ${db.connections} connections, ` +
    `baseline ${db.baselineConcurrency} at a time; start-up to /healthz 200: ` +
    `${db.startupMs.map((v) => `${(v / 1000).toFixed(2)} s`).join(", ")} (median ${(db.startupMedianMs / 1000).toFixed(2)} s)\n`;
  const targets = db.targets.map((t) => `- ${t.pass ? "PASS" : "FAIL"} ${t.name}: ${t.measured}`).join("\n");
  return `${head}\n${table(rows)}\n\n${targets}\n`;
}

export function writeResults(results: BenchResults, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
