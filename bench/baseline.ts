// The raw-query baseline: the statements an API request ran (see capture.ts), sent straight
// through a node-postgres pool, or straight to PGlite for embedded.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { connectionOptions, poolConnection } from "../server/src/platform/db/client.ts";
import { newId } from "../server/src/platform/db/columns.ts";
import { genericPlanOptions, statementName } from "../server/src/platform/db/generic-plans.ts";
import type { Replay } from "./capture.ts";

export type Query = (text: string, params: unknown[]) => Promise<unknown>;
export type SqlRunner = {
  query: Query;
  /** As genericPlanRows runs it: with a plan made without its values. */
  queryGeneric: Query;
  transaction(fn: (query: Query) => Promise<void>): Promise<void>;
  close(): Promise<void>;
};

/** On connections set as Rapport's own (no JIT, decision 0016), so that only the API's own work differs. */
export function pgRunner(url: string, poolSize: number): SqlRunner {
  const pool = new pg.Pool({ ...poolConnection(url, connectionOptions), max: poolSize });
  const genericPool = new pg.Pool({
    ...poolConnection(url, `${connectionOptions} ${genericPlanOptions}`),
    max: poolSize,
  });
  for (const p of [pool, genericPool]) p.on("error", () => {});
  return {
    query: (text, params) => pool.query(text, params),
    queryGeneric: (text, params) => genericPool.query({ name: statementName(text), text, values: params }),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        await fn((text, params) => client.query(text, params));
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), genericPool.end()]);
    },
  };
}

export function pgliteRunner(db: PGlite, close: () => Promise<void>): SqlRunner {
  return {
    query: (text, params) => db.query(text, params),
    queryGeneric: (text, params) =>
      db.transaction(async (tx) => {
        await tx.exec("set local plan_cache_mode = force_generic_plan");
        return tx.query(text, params);
      }),
    transaction: (fn) => db.transaction(async (tx) => fn((text, params) => tx.query(text, params))).then(() => {}),
    close,
  };
}

/** Replaces values in a parameter, within strings and arrays too (an id inside an audit entry's JSON). */
function substitute(value: unknown, swaps: Map<string, string>): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const [from, to] of swaps) if (out.includes(from)) out = out.replaceAll(from, to);
    return out;
  }
  return Array.isArray(value) ? value.map((v) => substitute(v, swaps)) : value;
}

/**
 * Runs a request's statements again, as the API would for the same request: in one transaction if
 * it wrote, with new ids where it made new rows, and `swaps` (the get scenario's rotating id).
 */
export async function replay(db: SqlRunner, r: Replay, swaps: Map<string, string> = new Map()): Promise<void> {
  const all = new Map([...swaps, ...r.freshIds.map((id): [string, string] => [id, newId()])]);
  const run = async (query: Query) => {
    for (const s of r.statements) {
      const params = all.size ? s.params.map((p) => substitute(p, all)) : s.params;
      // Outside a transaction, as genericPlanRows runs it; in one, as an ordinary statement (so does the API).
      await (s.generic && !r.transactional ? db.queryGeneric : query)(s.text, params);
    }
  };
  await (r.transactional ? db.transaction(run) : run(db.query));
}
