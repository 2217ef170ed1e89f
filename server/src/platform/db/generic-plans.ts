import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Database, Executor } from "./client.ts";

/**
 * Hot reads whose best plan is the same whatever their parameters (the global search, the timeline)
 * spent more time in PostgreSQL's planner than in running: a search's LIKE and similarity estimates
 * try the pattern on every statistics sample. On PostgreSQL they run as named prepared statements on
 * connections of their own set to `plan_cache_mode = force_generic_plan`, so each connection plans
 * such a statement once. Everything else keeps planning with its values (a list filtered on a rare
 * value wants another plan than one filtered on a common one). See docs/decisions/0012.
 */
export const dialect = new PgDialect();

/** How a database runs a read with a generic plan: its rows keyed by column name. */
export type GenericPlanRunner = (query: SQL) => Promise<unknown[]>;
const runners = new WeakMap<object, GenericPlanRunner>();

/** Connection options of a pool for genericPlanRows. */
export const genericPlanOptions = "-c plan_cache_mode=force_generic_plan";

export const rowsOf = async <T>(db: Executor, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** One name per text: a connection prepares each statement once and reuses it from then on. */
export const statementName = (text: string) => `g_${createHash("sha1").update(text).digest("hex")}`;

/** Makes genericPlanRows on `db` run its reads through `runner` (the bench's recorder marks them so). */
export function attachGenericPlanRunner(db: Executor, runner: GenericPlanRunner): void {
  runners.set(db, runner);
}

/** PostgreSQL: named prepared statements on a pool of their own, whose connections plan each once. */
export function attachGenericPlanPool(db: Executor, pool: pg.Pool): void {
  attachGenericPlanRunner(db, async (query) => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await pool.query({ name: statementName(text), text, values: params })).rows;
  });
}

/**
 * PGlite: one connection and no second pool, so the statement runs in a transaction of its own set to
 * generic plans. It is still planned each time; what counts is that it is planned without its values:
 * planned with them, a sound-alike search of "zhang wei" scanned 100,000 customers for seconds,
 * testing each against every one of a thousand pairs, where its index finds them in milliseconds.
 */
export function attachEmbeddedGenericPlans(db: Database): void {
  attachGenericPlanRunner(db, (query) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      return rowsOf(tx, query);
    }),
  );
}

/**
 * Runs a read with a generic plan and returns its rows keyed by column name. In a transaction it runs
 * as an ordinary statement, planned with its values.
 */
export async function genericPlanRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const runner = runners.get(db);
  return runner ? ((await runner(query)) as T[]) : rowsOf<T>(db, query);
}
