import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../db/client.ts";
import { type JobDefinition, type JobInfo, registeredJobs } from "./queue.ts";

export type JobRunnerOptions = {
  /** How often to look for due jobs when there are none (ms). */
  pollIntervalMs?: number;
  /** How long a claimed job is the claimer's; after that another runner may take it over (ms). */
  leaseMs?: number;
  /** Delay before the first retry; each further retry waits twice as long, up to an hour (ms). */
  retryBaseMs?: number;
  batchSize?: number;
  /** Handlers by queue; the registered jobs by default. */
  jobs?: ReadonlyMap<string, JobDefinition<unknown>>;
  onError?: (error: unknown, job?: JobInfo) => void;
};

export type JobRunner = {
  start(): void;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** Claims and runs every job due now; answers how many ran. */
  runDueJobs(): Promise<number>;
};

type ClaimedRow = {
  id: string;
  queue: string;
  key: string;
  payload: unknown;
  attempts: number;
  organization_id: string | null;
};

const HOUR = 3_600_000;
const KEEP_FINISHED_DAYS = 7;

/**
 * Runs due jobs. Several runners (processes) may share one database: a claim takes due rows with
 * FOR UPDATE SKIP LOCKED and leases them, so each job runs on one runner at a time; a handler that
 * throws is retried with exponential backoff, and a runner that dies mid-job loses its lease.
 */
export function createJobRunner(db: Database, options: JobRunnerOptions = {}): JobRunner {
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryBaseMs = options.retryBaseMs ?? 10_000;
  const batchSize = options.batchSize ?? 10;
  const definitions = options.jobs ?? registeredJobs();
  const onError = options.onError ?? ((error: unknown) => console.error("job runner:", error));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let nextCleanup = 0;

  async function claim(): Promise<{ token: string; rows: ClaimedRow[] }> {
    const queues = [...definitions.keys()];
    if (queues.length === 0) return { token: "", rows: [] };
    const token = randomUUID();
    const rows = await queryRows<ClaimedRow>(
      db,
      sql`update jobs set locked_by = ${token},
            locked_until = now() + ${`${leaseMs} milliseconds`}::interval,
            attempts = attempts + 1, updated_at = now()
          where id in (
            select id from jobs
            where completed_at is null and failed_at is null and run_at <= now()
              and (locked_until is null or locked_until < now())
              and queue in (${sql.join(
                queues.map((q) => sql`${q}`),
                sql`, `,
              )})
            order by run_at
            limit ${batchSize}
            for update skip locked)
          returning id, queue, key, payload, attempts, organization_id`,
    );
    return { token, rows };
  }

  async function run(token: string, row: ClaimedRow): Promise<void> {
    const job: JobInfo = {
      id: row.id,
      queue: row.queue,
      key: row.key,
      attempts: row.attempts,
      organizationId: row.organization_id,
    };
    try {
      const definition = definitions.get(row.queue);
      if (!definition) throw new Error(`no handler for queue ${row.queue}`);
      await definition.handle({ db, payload: row.payload, job });
      // Only the claim that ran it may finish it: a lease taken over since belongs to another runner.
      await db.execute(
        sql`update jobs set completed_at = now(), locked_by = null, locked_until = null, updated_at = now()
            where id = ${row.id} and locked_by = ${token}`,
      );
    } catch (error) {
      onError(error, job);
      const delayMs = Math.min(retryBaseMs * 2 ** (row.attempts - 1), HOUR);
      const message = (error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 4000);
      await db.execute(
        sql`update jobs set locked_by = null, locked_until = null, last_error = ${message}, updated_at = now(),
              failed_at = case when attempts >= max_attempts then now() end,
              run_at = case when attempts >= max_attempts then run_at
                            else now() + ${`${delayMs} milliseconds`}::interval end
            where id = ${row.id} and locked_by = ${token}`,
      );
    }
  }

  async function cleanUp(): Promise<void> {
    if (Date.now() < nextCleanup) return;
    nextCleanup = Date.now() + HOUR;
    await db.execute(
      sql`delete from jobs where completed_at < now() - ${`${KEEP_FINISHED_DAYS} days`}::interval
            or failed_at < now() - ${`${KEEP_FINISHED_DAYS * 4} days`}::interval`,
    );
  }

  async function runDueJobs(): Promise<number> {
    let ran = 0;
    for (;;) {
      const { token, rows } = await claim();
      for (const row of rows) await run(token, row);
      ran += rows.length;
      if (rows.length < batchSize || stopped) return ran;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = Promise.all([runDueJobs(), cleanUp()])
        .catch((error: unknown) => onError(error))
        .finally(schedule);
    }, pollIntervalMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runDueJobs,
  };
}
