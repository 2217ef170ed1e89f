import type { Database, Executor } from "../db/client.ts";
import { jobs } from "./table.ts";

export type JobInfo = { id: string; queue: string; key: string; attempts: number; organizationId: string | null };

export type JobHandler<Payload> = (context: { db: Database; payload: Payload; job: JobInfo }) => Promise<void>;

export type JobDefinition<Payload> = {
  queue: string;
  /** Runs before the job is given up (failed); each failure waits twice as long as the one before. */
  maxAttempts: number;
  /**
   * Runs at least once per job: after a crash mid-way it runs again, so its effects must be idempotent
   * (a unique key on what it writes).
   */
  handle: JobHandler<Payload>;
};

const definitions = new Map<string, JobDefinition<unknown>>();

/** The handlers every runner serves, by queue. */
export const registeredJobs = (): ReadonlyMap<string, JobDefinition<unknown>> => definitions;

/** Declares a kind of job; the answer enqueues jobs of that kind. */
export function defineJob<Payload>(definition: JobDefinition<Payload>) {
  definitions.set(definition.queue, definition as JobDefinition<unknown>);
  return {
    ...definition,
    /**
     * Schedules a job, inside the caller's transaction when given one: the job exists exactly when the
     * record that needs it does. A key already used in this queue schedules nothing (answers false).
     */
    async enqueue(
      db: Executor,
      job: { key: string; payload: Payload; runAt: Date; organizationId?: string | null },
    ): Promise<boolean> {
      const inserted = await db
        .insert(jobs)
        .values({
          queue: definition.queue,
          key: job.key,
          payload: job.payload,
          runAt: job.runAt,
          maxAttempts: definition.maxAttempts,
          organizationId: job.organizationId ?? null,
        })
        .onConflictDoNothing({ target: [jobs.queue, jobs.key] })
        .returning({ id: jobs.id });
      return inserted.length > 0;
    },
  };
}
