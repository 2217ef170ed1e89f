import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { attachEmbeddedGenericPlans, attachGenericPlanPool, genericPlanOptions } from "./generic-plans.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The one database type the code sees, whether embedded (PGlite) or a PostgreSQL server. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "embedded" | "postgres";
  /** The embedded engine itself, for dumping its data directory. */
  pglite?: PGlite;
  /** Runs fn with exclusive use of one connection (migrations, restore). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export const pgliteExtensions = { pg_trgm };

/** Whether the database is PGlite: one connection, so work that could run side by side runs in turn. */
export const isEmbedded = (db: Executor) => (db as unknown as { $client?: unknown }).$client instanceof PGlite;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file holding the owner's pid keeps the second one out; a dead owner's lock is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch {
    const owner = Number(fs.readFileSync(lockFile, "utf8"));
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new Error(
        `The data directory ${path.dirname(lockFile)} is in use by another Rapport process (pid ${owner}). ` +
          "Stop it first; several processes need PostgreSQL (DATABASE_URL).",
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => fs.rmSync(lockFile, { force: true });
}

export async function openEmbedded(dataDir: string | { loadDataDir: Blob }): Promise<DatabaseHandle> {
  let client: PGlite;
  let unlock = () => {};
  if (typeof dataDir === "string") {
    if (!dataDir.startsWith("memory://")) unlock = lockDataDir(dataDir);
    client = await PGlite.create(dataDir, { extensions: pgliteExtensions }).catch((error: unknown) => {
      unlock();
      throw error;
    });
  } else {
    client = await PGlite.create({ loadDataDir: dataDir.loadDataDir, extensions: pgliteExtensions });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  attachEmbeddedGenericPlans(db);
  return {
    db,
    kind: "embedded",
    pglite: client,
    // PGlite is a single connection already.
    withConnection: (fn) => fn(db),
    async close() {
      await client.close();
      unlock();
    },
  };
}

/**
 * No JIT compilation on Rapport's connections (decision 0016): it pays off for analytic queries of
 * seconds, but the planner's estimate of a JSON or array parameter's rows is far off, and the
 * import's duplicate check then spent a quarter of its time compiling. Rapport's queries are short.
 */
export const connectionOptions = "-c jit=off";

/**
 * A pool's connection string and `options`: Rapport's, then those the URL gives
 * (`?options=-c search_path=crm`), which node-postgres would otherwise let replace Rapport's. The
 * later `-c` wins, so a URL can still turn a setting of ours back.
 */
export function poolConnection(url: string, options: string): { connectionString: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options };
  }
  const own = parsed.searchParams.get("options");
  if (own === null) return { connectionString: url, options };
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), options: `${options} ${own}` };
}

export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ ...poolConnection(url, connectionOptions), max: poolSize });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => {});
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Database;
  const genericPool = new pg.Pool({
    ...poolConnection(url, `${connectionOptions} ${genericPlanOptions}`),
    max: poolSize,
  });
  genericPool.on("error", () => {});
  attachGenericPlanPool(db, genericPool);
  return {
    db,
    kind: "postgres",
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzleNodePg({ client, schema }) as unknown as Database);
      } finally {
        client.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), genericPool.end()]);
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openEmbedded(path.join(opts.dataDir, "db"));
}

/** Runs raw SQL and returns its rows, the same on both drivers. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
