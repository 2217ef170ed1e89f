import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  openTestDatabase,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { databaseUrl } from "../../../test/pg-url.ts";
import { buildApp } from "../../app.ts";
import { restoreBackup, writeBackup } from "../../platform/backup/index.ts";
import { temporaryDirectory } from "../../platform/backup/test-support.ts";
import { openPostgres, queryRows } from "../../platform/db/client.ts";
import type { JobDefinition } from "../../platform/jobs/queue.ts";
import { createJobRunner, type JobRunner } from "../../platform/jobs/runner.ts";
import { jobs } from "../../platform/jobs/table.ts";
import { notifications } from "../notifications/table.ts";
import { taskReminderJob } from "./reminders.ts";

type Task = { id: string; version: number; remindAt: string | null };
type Notification = {
  id: string;
  kind: string;
  params: { title: string };
  link: { type: string; id: string };
  readAt: string | null;
};
type NotificationList = { data: Notification[]; nextCursor: string | null };

let ctx: TestContext;
let admin: ApiClient;
const runners: JobRunner[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await ctx.close();
});

/** A runner polling fast, as a test can wait for it; stopped at the end in any case. */
function startRunner(db = ctx.handle.db, extra: Parameters<typeof createJobRunner>[1] = {}): JobRunner {
  const runner = createJobRunner(db, { pollIntervalMs: 50, retryBaseMs: 100, onError: () => {}, ...extra });
  runners.push(runner);
  runner.start();
  return runner;
}

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await sleep(50);
  }
}

async function remindInAMoment(client: ApiClient, title: string, ms = 1000): Promise<Task> {
  const res = await client.post<Task>("/api/v1/tasks", { title, remindAt: soon(ms), dueAt: soon(3_600_000) });
  expect(res.status).toBe(201);
  return res.body;
}

/** The reminder notifications written for a task, straight from the table: what a double would show. */
async function remindersFor(taskId: string, db = ctx.handle.db) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.linkId, taskId), eq(notifications.kind, "taskReminder")));
}

const unread = async (client: ApiClient) =>
  (await client.get<{ count: number }>("/api/v1/notifications/unread-count")).body.count;

describe("task reminders", () => {
  it("fires once at the set time as an in-app notification for the assignee", async () => {
    const runner = startRunner();
    const before = await unread(admin);
    const task = await remindInAMoment(admin, "Prepare the offer");
    expect(await remindersFor(task.id)).toHaveLength(0);
    await waitFor(async () => ((await unread(admin)) > before ? true : undefined));
    await sleep(300);
    expect(await remindersFor(task.id)).toHaveLength(1);
    const list = await admin.get<NotificationList>("/api/v1/notifications");
    expect(list.body.data[0]).toMatchObject({
      kind: "taskReminder",
      params: { title: "Prepare the offer" },
      link: { type: "task", id: task.id },
      readAt: null,
    });
    await runner.stop();
  });

  it("survives a stop before it is due: a new runner on the same database fires it once", async () => {
    const first = startRunner();
    const task = await remindInAMoment(admin, "Survive the restart", 800);
    await first.stop();
    await sleep(1200);
    expect(await remindersFor(task.id)).toHaveLength(0);
    // A new app and runner on the same database, as after a restart.
    const app = await buildApp({ db: ctx.handle.db });
    const second = startRunner();
    await waitFor(async () => ((await remindersFor(task.id)).length > 0 ? true : undefined));
    await sleep(300);
    expect(await remindersFor(task.id)).toHaveLength(1);
    await second.stop();
    await app.close();
  });

  it("retries a handler that crashes mid-way, and the retry does not double the notification", async () => {
    let calls = 0;
    const crashingOnce: JobDefinition<unknown> = {
      ...(taskReminderJob as JobDefinition<unknown>),
      async handle(context) {
        calls++;
        await taskReminderJob.handle(context as Parameters<typeof taskReminderJob.handle>[0]);
        if (calls === 1) throw new Error("crashed after writing the notification");
      },
    };
    const runner = startRunner(ctx.handle.db, { jobs: new Map([[taskReminderJob.queue, crashingOnce]]) });
    const task = await remindInAMoment(admin, "Crash once", 500);
    const job = await waitFor(async () => {
      const [row] = await ctx.handle.db.select().from(jobs).where(sql`${jobs.payload}->>'taskId' = ${task.id}`);
      return row?.completedAt ? row : undefined;
    });
    expect(calls).toBe(2);
    expect(job.attempts).toBe(2);
    expect(job.lastError).toContain("crashed after writing the notification");
    expect(await remindersFor(task.id)).toHaveLength(1);
    await runner.stop();
  });

  it("takes over a job whose runner died mid-way once its lease runs out", async () => {
    let release = () => {};
    const hanging: JobDefinition<unknown> = {
      ...(taskReminderJob as JobDefinition<unknown>),
      handle: () => new Promise<void>((resolve) => (release = resolve)),
    };
    const dead = startRunner(ctx.handle.db, { leaseMs: 300, jobs: new Map([[taskReminderJob.queue, hanging]]) });
    const task = await remindInAMoment(admin, "Runner dies", 300);
    await sleep(700);
    const healthy = startRunner(ctx.handle.db, { leaseMs: 300 });
    await waitFor(async () => ((await remindersFor(task.id)).length > 0 ? true : undefined));
    release();
    await Promise.all([dead.stop(), healthy.stop()]);
    expect(await remindersFor(task.id)).toHaveLength(1);
  });

  it("does nothing for a reminder moved, finished or trashed before it was due", async () => {
    const moved = await remindInAMoment(admin, "Moved", 600);
    await admin.patch(`/api/v1/tasks/${moved.id}`, { version: 1, remindAt: soon(3_000_000) });
    const finished = await remindInAMoment(admin, "Finished", 600);
    await admin.patch(`/api/v1/tasks/${finished.id}`, { version: 1, status: "done" });
    const trashed = await remindInAMoment(admin, "Trashed", 600);
    await admin.delete(`/api/v1/tasks/${trashed.id}`);
    await sleep(700);
    // Driven by hand: the three jobs are due, each runs and finds its task changed.
    const runner = createJobRunner(ctx.handle.db, { onError: () => {} });
    expect(await runner.runDueJobs()).toBeGreaterThanOrEqual(3);
    for (const task of [moved, finished, trashed]) expect(await remindersFor(task.id)).toHaveLength(0);
  });

  it("reminds once: an edit sending back the past reminder time without its seconds reminds no more", async () => {
    const task = await remindInAMoment(admin, "Once", 300);
    const runner = createJobRunner(ctx.handle.db, { onError: () => {} });
    await sleep(400);
    await runner.runDueJobs();
    expect(await remindersFor(task.id)).toHaveLength(1);
    const minutes = new Date(task.remindAt ?? "");
    minutes.setUTCSeconds(0, 0);
    const edited = await admin.patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      title: "Once, renamed",
      remindAt: minutes.toISOString(),
    });
    expect(edited.status).toBe(200);
    await runner.runDueJobs();
    expect(await remindersFor(task.id)).toHaveLength(1);
  });

  it("still fires after a one-file backup is restored into another database", async () => {
    const task = await remindInAMoment(admin, "Restored reminder", 1500);
    const file = path.join(temporaryDirectory(), "with-reminder.rapport.gz");
    await writeBackup(ctx.handle, file);
    const target = await openTestDatabase();
    try {
      await restoreBackup(target, file);
      const runner = createJobRunner(target.db, { pollIntervalMs: 50, onError: () => {} });
      runner.start();
      await waitFor(async () => ((await remindersFor(task.id, target.db)).length > 0 ? true : undefined));
      await runner.stop();
      expect(await remindersFor(task.id, target.db)).toHaveLength(1);
    } finally {
      await target.drop();
    }
  });
});

describe("notifications", () => {
  it("are private to their recipient, and reading them lowers the unread count", async () => {
    const res = await admin.post<{ id: string }>("/api/v1/users", {
      name: "Rep",
      email: "rep@acme.test",
      password: PASSWORD,
      roleIds: [],
    });
    expect(res.status).toBe(201);
    const rep = await ctx.signIn("rep@acme.test", PASSWORD);
    const [mine] = (await admin.get<NotificationList>("/api/v1/notifications?limit=1")).body.data;
    if (!mine) throw new Error("the admin has a notification from the tests above");
    expect((await rep.get<NotificationList>("/api/v1/notifications")).body.data).toEqual([]);
    expect(await unread(rep)).toBe(0);
    expect((await rep.post(`/api/v1/notifications/${mine.id}/read`)).status).toBe(404);
    expect((await rep.post<{ updated: number }>("/api/v1/notifications/read-all")).body.updated).toBe(0);

    const before = await unread(admin);
    const read = await admin.post<Notification>(`/api/v1/notifications/${mine.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect(await unread(admin)).toBe(before - 1);
    await admin.post("/api/v1/notifications/read-all");
    expect(await unread(admin)).toBe(0);
  });
});

// Several app nodes on one PostgreSQL: only meaningful with a server (embedded mode is one process).
if (process.env.TEST_DATABASE_URL) {
  describe("task reminders on several nodes", () => {
    it("fire once when two runners on separate connection pools share the database", async () => {
      const url = process.env.TEST_DATABASE_URL ?? "";
      const [{ name } = { name: "" }] = await queryRows<{ name: string }>(
        ctx.handle.db,
        sql`select current_database() as name`,
      );
      const otherNode = await openPostgres(databaseUrl(url, name), 3);
      try {
        const tasks = await Promise.all(
          Array.from({ length: 12 }, (_, i) => remindInAMoment(admin, `Busy reminder ${i}`, 800)),
        );
        const a = startRunner(ctx.handle.db, { batchSize: 2, pollIntervalMs: 20 });
        const b = startRunner(otherNode.db, { batchSize: 2, pollIntervalMs: 20 });
        await waitFor(async () => {
          const rows = await queryRows<{ n: number }>(
            ctx.handle.db,
            sql`select count(*)::int as n from notifications where kind = 'taskReminder' and params->>'title' like 'Busy reminder %'`,
          );
          return rows[0]?.n === tasks.length ? true : undefined;
        });
        await sleep(300);
        await Promise.all([a.stop(), b.stop()]);
        for (const task of tasks) expect(await remindersFor(task.id)).toHaveLength(1);
        const runs = await queryRows<{ attempts: number }>(
          ctx.handle.db,
          sql`select attempts from jobs where payload->>'taskId' in (${sql.join(
            tasks.map((t) => sql`${t.id}`),
            sql`, `,
          )})`,
        );
        expect(runs.map((r) => r.attempts)).toEqual(tasks.map(() => 1));
      } finally {
        await otherNode.close();
      }
    });
  });
}
