import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { createJobRunner } from "../../platform/jobs/runner.ts";
import { notifications } from "../notifications/table.ts";
import { addPerson } from "../pool/test-support.ts";

type Task = { id: string; version: number; remindAt: string | null };
type UnreadCount = { count: number; nextReminderAt: string | null; serverTime: string };
type Person = { id: string; client: ApiClient };

let ctx: TestContext;
let admin: ApiClient;
let rep: Person;
/** A user whose role covers tasks only: no customers or contacts at all. */
let tasksOnly: Person;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  rep = await addPerson(ctx, admin, "rep", "Sales rep");
  const role = await admin.post<{ id: string }>("/api/v1/roles", {
    name: "Tasks only",
    permissions: { tasks: { actions: ["view", "create", "edit"], scope: "own" } },
  });
  expect(role.status).toBe(201);
  const user = await admin.post<{ id: string }>("/api/v1/users", {
    name: "Temp",
    email: "temp@acme.test",
    password: PASSWORD,
    roleIds: [role.body.id],
  });
  expect(user.status).toBe(201);
  tasksOnly = { id: user.body.id, client: await ctx.signIn("temp@acme.test", PASSWORD) };
});
afterAll(() => ctx.close());

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function unreadCount(client: ApiClient): Promise<UnreadCount> {
  const res = await client.get<UnreadCount>("/api/v1/notifications/unread-count");
  expect(res.status).toBe(200);
  return res.body;
}

async function createTask(body: Record<string, unknown>): Promise<Task> {
  const res = await admin.post<Task>("/api/v1/tasks", body);
  expect(res.status).toBe(201);
  return res.body;
}

/** Runs the jobs due now, as the server's runner does every 2 s. */
const runDueJobs = () => createJobRunner(ctx.handle.db, { onError: () => {} }).runDueJobs();

async function reminderParams(taskId: string) {
  const rows = await ctx.handle.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.linkId, taskId), eq(notifications.kind, "taskReminder")));
  expect(rows).toHaveLength(1);
  return rows[0]?.params;
}

describe("the unread count's next reminder", () => {
  it("is the caller's next reminder to fire, and none of the tasks others are given", async () => {
    expect((await unreadCount(admin)).nextReminderAt).toBeNull();
    const later = await createTask({ title: "Later", remindAt: inMs(5 * 60_000) });
    const sooner = await createTask({ title: "Sooner", remindAt: inMs(3 * 60_000) });
    const repsTask = await createTask({ title: "The rep's", remindAt: inMs(60_000), ownerId: rep.id });

    const mine = await unreadCount(admin);
    expect(mine.nextReminderAt).toBe(sooner.remindAt);
    expect(Math.abs(Date.parse(mine.serverTime) - Date.now())).toBeLessThan(5_000);
    expect((await unreadCount(rep.client)).nextReminderAt).toBe(repsTask.remindAt);

    // Moved: the new time counts, not the job left at the old one. Done: it fires no more.
    const moved = await admin.patch<Task>(`/api/v1/tasks/${sooner.id}`, { version: 1, remindAt: inMs(4 * 60_000) });
    expect((await unreadCount(admin)).nextReminderAt).toBe(moved.body.remindAt);
    await admin.patch(`/api/v1/tasks/${sooner.id}`, { version: moved.body.version, status: "done" });
    expect((await unreadCount(admin)).nextReminderAt).toBe(later.remindAt);
    await admin.delete(`/api/v1/tasks/${later.id}`);
    expect((await unreadCount(admin)).nextReminderAt).toBeNull();
  });

  it("stays until the reminder has fired, and says nothing of one more than 10 minutes ahead", async () => {
    await createTask({ title: "Tomorrow", remindAt: inMs(24 * 3_600_000) });
    const now = await createTask({ title: "In a moment", remindAt: inMs(300) });
    await sleep(400);
    // Due but not run yet (the runner is a poll behind): the bell is told to ask again.
    expect((await unreadCount(admin)).nextReminderAt).toBe(now.remindAt);
    await runDueJobs();
    const after = await unreadCount(admin);
    expect(after.nextReminderAt).toBeNull();
    expect(after.count).toBe(1);
  });
});

describe("a reminder's notification", () => {
  it("says when the task is due and names the customer it is about, to an assignee who sees it", async () => {
    const customer = await rep.client.post<{ id: string }>("/api/v1/customers", { name: "Orbit Supplies" });
    expect(customer.status).toBe(201);
    const dueAt = inMs(3_600_000);
    const task = await createTask({
      title: "Send the quote",
      dueAt,
      remindAt: inMs(200),
      ownerId: rep.id,
      relatedType: "customer",
      relatedId: customer.body.id,
    });
    await sleep(300);
    await runDueJobs();
    expect(await reminderParams(task.id)).toEqual({
      title: "Send the quote",
      dueAt,
      allDay: 0,
      relatedType: "customer",
      relatedName: "Orbit Supplies",
    });
    const bell = await rep.client.get<{ data: { params: Record<string, unknown> }[] }>("/api/v1/notifications");
    expect(bell.body.data.find((n) => n.params.title === "Send the quote")?.params.relatedName).toBe("Orbit Supplies");
  });

  it("leaves out the name of a record the assignee may not see, and marks an all-day task", async () => {
    // The admin's own customer: out of the rep's scope, and of a role without customers at all.
    const customer = await admin.post<{ id: string }>("/api/v1/customers", { name: "Secret Holdings" });
    const dueAt = "2031-03-14T16:00:00.000Z";
    const about = { relatedType: "customer", relatedId: customer.body.id, dueAt, allDay: true };
    const toRep = await createTask({ title: "Ask about Secret", remindAt: inMs(200), ownerId: rep.id, ...about });
    const toTemp = await createTask({ title: "Temp asks", remindAt: inMs(200), ownerId: tasksOnly.id, ...about });
    const own = await createTask({ title: "Admin's own", remindAt: inMs(200), ...about });
    await sleep(300);
    await runDueJobs();
    const unseen = { dueAt, allDay: 1, relatedType: null, relatedName: null };
    expect(await reminderParams(toRep.id)).toEqual({ title: "Ask about Secret", ...unseen });
    expect(await reminderParams(toTemp.id)).toEqual({ title: "Temp asks", ...unseen });
    expect(await reminderParams(own.id)).toMatchObject({ relatedType: "customer", relatedName: "Secret Holdings" });
  });
});
