// The baseline runs exactly the SQL the API runs: each scenario's request is served once in this
// process (buildApp + inject) over a Drizzle that records every statement as the driver gets it.
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { buildApp } from "../server/src/app.ts";
import type { Database } from "../server/src/platform/db/client.ts";
import { attachGenericPlanRunner, dialect, rowsOf } from "../server/src/platform/db/generic-plans.ts";
import * as schema from "../server/src/platform/db/schema.ts";

/** `generic`: the API runs it with a plan made without its values (genericPlanRows), as the baseline must. */
export type Statement = { text: string; params: unknown[]; generic: boolean };
/** One request's SQL. Fresh ids are those its writes made up (UUIDv7 of the capture's time). */
export type Replay = { statements: Statement[]; transactional: boolean; freshIds: string[] };
export type ApiRequest = { method: "GET" | "POST"; path: string; key: string; body?: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const uuidTime = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
// Credentials come from the app's short-lived cache under load, so their queries are no request's work.
const credentialLookup = /\b(api_keys|sessions)\b/;
const transactionControl = /^\s*(begin|commit|rollback)\b/i;

export type Recorder = {
  /** Serves the request (twice: the first warms the credential cache) and answers its SQL and body. */
  record(request: ApiRequest): Promise<{ replay: Replay; body: unknown }>;
  close(): Promise<void>;
};

export async function openRecorder(target: { url: string } | { pglite: PGlite }): Promise<Recorder> {
  let sink: Statement[] | null = null;
  const genericTexts = new Set<string>();
  const logger = {
    logQuery: (text: string, params: unknown[]) =>
      sink?.push({ text, params: [...params], generic: genericTexts.has(text) }),
  };
  const pool = "url" in target ? new pg.Pool({ connectionString: target.url, max: 2 }) : null;
  const db = (pool
    ? drizzleNodePg({ client: pool, schema, logger })
    : "pglite" in target
      ? drizzlePglite({ client: target.pglite, schema, logger })
      : null) as unknown as Database;
  // Reads the API runs with generic plans run here as they come, marked so by their text.
  attachGenericPlanRunner(db, (query) => {
    genericTexts.add(dialect.sqlToQuery(query).sql);
    return rowsOf(db, query);
  });
  const app = await buildApp({ db });
  const send = async (r: ApiRequest) => {
    const res = await app.inject({
      method: r.method,
      url: r.path,
      headers: { authorization: `Bearer ${r.key}`, ...(r.body ? { "content-type": "application/json" } : {}) },
      ...(r.body ? { payload: r.body } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${r.method} ${r.path}: ${res.statusCode} ${res.body}`);
    return res.json() as unknown;
  };
  return {
    async record(request) {
      await send(request);
      const started = Date.now();
      sink = [];
      const body = await send(request);
      const all = sink;
      sink = null;
      const statements = all.filter((s) => !credentialLookup.test(s.text) && !transactionControl.test(s.text));
      const freshIds = new Set<string>();
      for (const s of statements) {
        for (const p of s.params) if (typeof p === "string" && uuid.test(p) && uuidTime(p) >= started) freshIds.add(p);
      }
      const transactional =
        all.some((s) => transactionControl.test(s.text)) ||
        statements.some((s) => /^\s*(insert|update|delete)\b/i.test(s.text));
      return { replay: { statements, transactional, freshIds: [...freshIds] }, body };
    },
    async close() {
      await app.close();
      await pool?.end();
    },
  };
}
