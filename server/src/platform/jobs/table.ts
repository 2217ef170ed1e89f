import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../../modules/organizations/table.ts";
import { newId } from "../db/ids.ts";

const time = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

/**
 * Durable background jobs (docs/decisions/0004-jobs.md). A job lives in the public schema, so it is
 * enqueued in the same transaction as the record that needs it and travels in the one-file backup.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    queue: text("queue").notNull(),
    /** Unique within the queue: enqueuing the same key twice schedules one job. */
    key: text("key").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    runAt: time("run_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(10),
    /** The claim of the runner working on it; a claim whose lease ran out (crashed process) is taken over. */
    lockedBy: text("locked_by"),
    lockedUntil: time("locked_until"),
    lastError: text("last_error"),
    completedAt: time("completed_at"),
    failedAt: time("failed_at"),
    createdAt: time("created_at").notNull().defaultNow(),
    updatedAt: time("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_queue_key_idx").on(t.queue, t.key),
    index("jobs_pending_idx").on(t.runAt).where(sql`completed_at is null and failed_at is null`),
    index("jobs_finished_idx").on(t.completedAt).where(sql`completed_at is not null`),
  ],
);
