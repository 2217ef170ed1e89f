import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Executor } from "./client.ts";

/**
 * Hot reads whose best plan is the same whatever their parameters (the global search, the timeline)
 * spent more time in PostgreSQL's planner than in running: a search's LIKE and similarity estimates
 * try the pattern on every statistics sample. On PostgreSQL they run as named prepared statements on
 * connections of their own set to `plan_cache_mode = force_generic_plan`, so each connection plans
 * such a statement once. Everything else keeps planning with its values (a list filtered on a rare
 * value wants another plan than one filtered on a common one). See docs/decisions/0012.
 */
const genericPools = new WeakMap<object, pg.Pool>();
const dialect = new PgDialect();

/** Connection options of a pool for genericPlanRows. */
export const genericPlanOptions = "-c plan_cache_mode=force_generic_plan";

export function attachGenericPlanPool(db: Executor, pool: pg.Pool): void {
  genericPools.set(db, pool);
}

/**
 * Runs a read with a generic plan (PostgreSQL) and returns its rows keyed by column name. In a
 * transaction or on PGlite (one connection, no second pool) it runs as an ordinary statement.
 */
export async function genericPlanRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const pool = genericPools.get(db);
  if (!pool) return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const { sql: text, params } = dialect.sqlToQuery(query);
  // One name per text: a connection prepares each statement once and reuses it from then on.
  const name = `g_${createHash("sha1").update(text).digest("hex")}`;
  return (await pool.query({ name, text, values: params })).rows as T[];
}
