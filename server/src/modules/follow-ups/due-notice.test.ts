import { and, eq, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";
import { createJobRunner } from "../../platform/jobs/runner.ts";
import { jobs } from "../../platform/jobs/table.ts";
import { notifications } from "../notifications/table.ts";
import { addPerson } from "../pool/test-support.ts";
import { localMidnight } from "./due.ts";
import { followUpDueJob } from "./due-notice.ts";

type Person = { id: string; client: ApiClient };
type Customer = { id: string; version: number; name: string; nextFollowUpAt: string | null };

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;
let rep1: Person;
let rep2: Person;

// The organization works in Asia/Shanghai (UTC+8 all year): days and mornings are its own.
beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId } = await setUpOrganization(ctx));
  rep1 = await addPerson(ctx, admin, "rep1", "Sales rep");
  rep2 = await addPerson(ctx, admin, "rep2", "Sales rep");
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
/** The Shanghai calendar day `offset` days from today, as YYYY-MM-DD. */
const shanghaiDay = (offset: number) => new Date(Date.now() + 8 * HOUR + offset * 24 * HOUR).toISOString().slice(0, 10);
/** That day at a Shanghai wall time, as an ISO instant. */
const shanghai = (offset: number, time: string) => new Date(`${shanghaiDay(offset)}T${time}:00+08:00`).toISOString();

/** A customer of `owner` with one follow-up that plans the next one. */
async function customerWithPlan(
  owner: Person,
  name: string,
  plan: { next: string; occurredAt?: string },
): Promise<Customer & { followUpId: string }> {
  const customer = await owner.client.post<Customer>("/api/v1/customers", { name });
  expect(customer.status).toBe(201);
  const followUp = await owner.client.post<{ id: string }>("/api/v1/follow-ups", {
    customerId: customer.body.id,
    kind: "call",
    content: "Talked about the order",
    nextFollowUpAt: plan.next,
    ...(plan.occurredAt ? { occurredAt: plan.occurredAt } : {}),
  });
  expect(followUp.status).toBe(201);
  const fresh = await owner.client.get<Customer>(`/api/v1/customers/${customer.body.id}`);
  return { ...fresh.body, followUpId: followUp.body.id };
}

const noticeJobsOf = (customerId: string) =>
  ctx.handle.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, followUpDueJob.queue), sql`${jobs.payload}->>'customerId' = ${customerId}`));

/** The morning comes: every notice job of the customer becomes due, and the runner runs what is due. */
/** The notice jobs that `which` picks come due now, and run. */
async function noticeJobsRun(which: SQL): Promise<void> {
  await ctx.handle.db
    .update(jobs)
    .set({ runAt: new Date(Date.now() - 1000) })
    .where(and(eq(jobs.queue, followUpDueJob.queue), which));
  await createJobRunner(ctx.handle.db, { onError: () => {} }).runDueJobs();
}
const morningComes = (customerId: string) => noticeJobsRun(sql`${jobs.payload}->>'customerId' = ${customerId}`);

const noticesAbout = (customerId: string) =>
  ctx.handle.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.linkId, customerId), eq(notifications.kind, "followUpDue")));

describe("the morning notice of a next follow-up", () => {
  it("is scheduled for 09:00 on the day, organization time, and tells the owner once", async () => {
    const customer = await customerWithPlan(rep1, "Aurora Trading", { next: shanghai(1, "15:00") });
    const scheduled = await noticeJobsOf(customer.id);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.runAt.toISOString()).toBe(shanghai(1, "09:00"));
    expect(scheduled[0]?.payload).toEqual({ customerId: customer.id, day: shanghaiDay(1), at: shanghai(1, "09:00") });

    // Saving the customer's follow-ups again schedules nothing more.
    await rep1.client.post("/api/v1/follow-ups", {
      customerId: customer.id,
      kind: "note",
      content: "Sent a catalogue",
    });
    expect(await noticeJobsOf(customer.id)).toHaveLength(1);

    await morningComes(customer.id);
    const [notice, ...more] = await noticesAbout(customer.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({
      userId: rep1.id,
      params: { name: "Aurora Trading", day: shanghaiDay(1) },
      linkType: "customer",
      readAt: null,
    });
    // Run again (a retry after a crash, another process): still one.
    const payload = scheduled[0]?.payload as Parameters<typeof followUpDueJob.handle>[0]["payload"];
    const job = { id: "", queue: followUpDueJob.queue, key: "", attempts: 2, organizationId: null };
    await followUpDueJob.handle({ db: ctx.handle.db, payload, job });
    expect(await noticesAbout(customer.id)).toHaveLength(1);
    const bell = await rep1.client.get<{ data: { kind: string; params: Record<string, unknown> }[] }>(
      "/api/v1/notifications",
    );
    expect(bell.body.data.filter((n) => n.kind === "followUpDue")).toEqual([
      expect.objectContaining({ params: { name: "Aurora Trading", day: shanghaiDay(1) } }),
    ]);
  });

  it("does nothing once the next follow-up moved to another day, and tells of the new day then", async () => {
    const customer = await customerWithPlan(rep1, "Borealis Metals", { next: shanghai(1, "10:00") });
    const moved = await rep1.client.patch(`/api/v1/follow-ups/${customer.followUpId}`, {
      version: 1,
      nextFollowUpAt: shanghai(2, "10:00"),
    });
    expect(moved.status).toBe(200);
    const days = (await noticeJobsOf(customer.id)).map((j) => (j.payload as { day: string }).day).sort();
    expect(days).toEqual([shanghaiDay(1), shanghaiDay(2)]);
    await morningComes(customer.id);
    // Both ran: the first found another day and did nothing; the second is the day now planned.
    expect((await noticesAbout(customer.id)).map((n) => n.params.day)).toEqual([shanghaiDay(2)]);
  });

  it("tells the new owner of a customer given to someone else before the day, and nobody of one in the trash", async () => {
    const given = await customerWithPlan(rep1, "Cygnus Logistics", { next: shanghai(1, "11:00") });
    const transfer = await admin.post(`/api/v1/customers/${given.id}/transfer`, { ownerId: rep2.id, reason: "Leave" });
    expect(transfer.status).toBe(200);
    const trashed = await customerWithPlan(rep1, "Draco Foods", { next: shanghai(1, "11:00") });
    expect((await admin.delete(`/api/v1/customers/${trashed.id}`)).status).toBe(204);
    await morningComes(given.id);
    await morningComes(trashed.id);
    expect((await noticesAbout(given.id)).map((n) => n.userId)).toEqual([rep2.id]);
    expect(await noticesAbout(trashed.id)).toEqual([]);
  });

  it("comes at the planned time when that is before the morning", async () => {
    const early = await customerWithPlan(rep1, "Fornax Mills", { next: shanghai(1, "08:00") });
    const [job] = await noticeJobsOf(early.id);
    expect(job?.runAt.toISOString()).toBe(shanghai(1, "08:00"));
  });

  it("comes at the new time when the plan moves earlier on the same day, and once", async () => {
    const customer = await customerWithPlan(rep1, "Lyra Textiles", { next: shanghai(1, "10:00") });
    const moved = await rep1.client.patch(`/api/v1/follow-ups/${customer.followUpId}`, {
      version: 1,
      nextFollowUpAt: shanghai(1, "07:30"),
    });
    expect(moved.status).toBe(200);
    const runs = (await noticeJobsOf(customer.id)).map((j) => j.runAt.toISOString());
    expect(runs).toContain(shanghai(1, "07:30"));
    await morningComes(customer.id);
    expect((await noticesAbout(customer.id)).map((n) => n.userId)).toEqual([rep1.id]);
  });

  it("comes at 09:00, not at the old time, when a plan before the morning moves later in its day", async () => {
    const customer = await customerWithPlan(rep1, "Vela Ceramics", { next: shanghai(1, "07:30") });
    const moved = await rep1.client.patch(`/api/v1/follow-ups/${customer.followUpId}`, {
      version: 1,
      nextFollowUpAt: shanghai(1, "15:00"),
    });
    expect(moved.status).toBe(200);
    await noticeJobsRun(sql`${jobs.payload}->>'at' = ${shanghai(1, "07:30")}`);
    expect(await noticesAbout(customer.id)).toEqual([]);
    await noticeJobsRun(sql`${jobs.payload}->>'at' = ${shanghai(1, "09:00")}`);
    expect((await noticesAbout(customer.id)).map((n) => n.userId)).toEqual([rep1.id]);
  });

  it("tells whoever claims a pool customer planned while it had no owner", async () => {
    const customer = await customerWithPlan(rep1, "Mensa Glass", { next: shanghai(2, "10:00") });
    const released = await rep1.client.post(`/api/v1/customers/${customer.id}/release`, { reason: "Not now" });
    expect(released.status).toBe(200);
    // Someone who sees every customer plans its next follow-up while it is in the pool...
    const planned = await admin.post("/api/v1/follow-ups", {
      customerId: customer.id,
      kind: "note",
      content: "Worth a call next week",
      nextFollowUpAt: shanghai(3, "10:00"),
    });
    expect(planned.status).toBe(201);
    // ...and rep2 claims it before that day: rep2 hears of it on the morning.
    expect((await rep2.client.post(`/api/v1/pool/customers/${customer.id}/claim`)).status).toBe(200);
    await morningComes(customer.id);
    expect((await noticesAbout(customer.id)).map((n) => [n.userId, n.params.day])).toEqual([[rep2.id, shanghaiDay(3)]]);
  });

  it("is not scheduled for a day already gone", async () => {
    const overdue = await customerWithPlan(rep1, "Eridanus Paper", {
      occurredAt: shanghai(-3, "10:00"),
      next: shanghai(-2, "10:00"),
    });
    expect(overdue.nextFollowUpAt).toBe(shanghai(-2, "10:00"));
    expect(await noticeJobsOf(overdue.id)).toEqual([]);
  });
});

describe("the follow-ups due (todayOrOverdue) customer filter", () => {
  it("lists the caller's customers due today or overdue, earliest first, not tomorrow's", async () => {
    const today = await customerWithPlan(rep2, "Fornax Today", {
      occurredAt: shanghai(0, "00:00"),
      next: shanghai(0, "23:59"),
    });
    const overdue = await customerWithPlan(rep2, "Gemini Overdue", {
      occurredAt: shanghai(-5, "10:00"),
      next: shanghai(-4, "10:00"),
    });
    await customerWithPlan(rep2, "Hydra Tomorrow", { next: shanghai(1, "00:01") });
    const due = "/api/v1/customers?followUpDue=todayOrOverdue&sort=nextFollowUpAt";
    const mine = await rep2.client.get<{ data: Customer[] }>(`${due}&ownerId=${rep2.id}`);
    expect(mine.status).toBe(200);
    // rep2 also holds Cygnus Logistics (given above), due tomorrow: not listed.
    expect(mine.body.data.map((c) => c.name)).toEqual(["Gemini Overdue", "Fornax Today"]);
    expect(mine.body.data.map((c) => c.id)).toEqual([overdue.id, today.id]);
    // The admin sees every customer, but their own due list holds none of the reps'.
    const admins = await admin.get<{ data: Customer[] }>(`${due}&ownerId=${adminId}`);
    expect(admins.body.data).toEqual([]);
    const count = await rep2.client.get<{ data: { count: number; capped: boolean } }>(
      `/api/v1/customers/count?followUpDue=todayOrOverdue&ownerId=${rep2.id}`,
    );
    expect(count.body.data).toEqual({ count: 2, capped: false });
  });

  it("ends today at the organization's midnight, also on a day the clocks change", async () => {
    const midnight = async (zone: string, days: number, now: string) => {
      const [row] = await queryRows<{ at: Date | string }>(
        ctx.handle.db,
        sql`select ${localMidnight(sql`${zone}::text`, days, sql`${now}::timestamptz`)} as at`,
      );
      return new Date(row?.at ?? "").toISOString();
    };
    // Shanghai keeps UTC+8: today began at 16:00 UTC the day before.
    expect(await midnight("Asia/Shanghai", 0, "2026-03-08T01:00:00Z")).toBe("2026-03-07T16:00:00.000Z");
    expect(await midnight("Asia/Shanghai", 1, "2026-03-07T15:59:59Z")).toBe("2026-03-07T16:00:00.000Z");
    // New York on 1 November 2026 has 25 hours: the day ends at 05:00 UTC (EST), not 24 hours on.
    expect(await midnight("America/New_York", 0, "2026-11-01T12:00:00Z")).toBe("2026-11-01T04:00:00.000Z");
    expect(await midnight("America/New_York", 1, "2026-11-01T12:00:00Z")).toBe("2026-11-02T05:00:00.000Z");
    // ...and 8 March 2026 has 23: tomorrow begins at 04:00 UTC (EDT); a week on as well.
    expect(await midnight("America/New_York", 1, "2026-03-08T12:00:00Z")).toBe("2026-03-09T04:00:00.000Z");
    expect(await midnight("America/New_York", 7, "2026-03-05T12:00:00Z")).toBe("2026-03-12T04:00:00.000Z");
  });

  it("refuses a value it does not know, naming the filter", async () => {
    const res = await rep2.client.get<{ error: { details: { path: string }[] } }>(
      "/api/v1/customers?followUpDue=yesterday",
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("followUpDue");
  });
});
