import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { databaseUrl } from "../../../test/pg-url.ts";
import { openPostgres, queryRows } from "../../platform/db/client.ts";
import { createJobRunner } from "../../platform/jobs/runner.ts";
import { jobs } from "../../platform/jobs/table.ts";
import { notifications } from "../notifications/table.ts";
import { reclaimSweepJob, SWEEP_INTERVAL_MS, sweepOrganization } from "./reclaim.ts";
import { addPerson } from "./test-support.ts";

type Customer = { id: string; ownerId: string | null; version: number };
type Audit = { data: { actorName: string | null; changes: { field: string; from: unknown; to: unknown }[] }[] };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
let rep: { id: string; client: ApiClient };

const DAY = 86_400_000;

/** A customer of the rep's, owned since `days` ago, last followed up `followUpDaysAgo` ago. */
async function ownedSince(name: string, days: number, level: string | null = null, followUpDaysAgo?: number) {
  const res = await admin.post<Customer>("/api/v1/customers", { name, ownerId: rep.id, level });
  expect(res.status).toBe(201);
  const since = new Date(Date.now() - days * DAY);
  const followedUp = followUpDaysAgo === undefined ? null : new Date(Date.now() - followUpDaysAgo * DAY);
  await queryRows(
    ctx.handle.db,
    sql`update customers set owner_assigned_at = ${since.toISOString()}::timestamptz,
          last_follow_up_at = ${followedUp?.toISOString() ?? null}::timestamptz where id = ${res.body.id}`,
  );
  return res.body;
}

async function setRules(rules: unknown[]) {
  const current = await admin.get<{ version: number }>("/api/v1/pool/settings");
  const res = await admin.request("PUT", "/api/v1/pool/settings", {
    version: current.body.version,
    maxOwnedCustomers: null,
    reclaimRules: rules,
  });
  expect(res.status).toBe(200);
}

const ownerOf = async (id: string) => (await admin.get<Customer>(`/api/v1/customers/${id}`)).body.ownerId;
const noticesOf = (id: string) =>
  ctx.handle.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.linkId, id), eq(notifications.kind, "poolReclaimNotice")));

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId } = await setUpOrganization(ctx));
  rep = await addPerson(ctx, admin, "rep", "Sales rep");
});
afterAll(() => ctx.close());

describe("automatic reclaim", () => {
  it("notices the owner K days before, then returns the customer to the pool, once however often it runs", async () => {
    await setRules([{ level: null, noFollowUpDays: 30, noDealDays: null, noticeDays: 5 }]);
    const fresh = await ownedSince("Fresh", 10);
    const soon = await ownedSince("Soon", 27);
    const due = await ownedSince("Due", 40);
    const followedUp = await ownedSince("Followed up", 40, null, 3);
    await Promise.all([
      sweepOrganization(ctx.handle.db, organizationId),
      sweepOrganization(ctx.handle.db, organizationId),
    ]);
    await sweepOrganization(ctx.handle.db, organizationId);

    expect(await ownerOf(fresh.id)).toBe(rep.id);
    expect(await noticesOf(fresh.id)).toHaveLength(0);
    expect(await ownerOf(soon.id)).toBe(rep.id);
    const [notice, ...more] = await noticesOf(soon.id);
    expect(more).toHaveLength(0);
    expect(notice?.userId).toBe(rep.id);
    expect(notice?.params).toEqual({ name: "Soon", days: 3 });
    expect(await ownerOf(followedUp.id)).toBe(rep.id);

    expect(await ownerOf(due.id)).toBeNull();
    const audit = await admin.get<Audit>(`/api/v1/customers/${due.id}/audit`);
    const reclaims = audit.body.data.filter((e) => e.changes.some((c) => c.field === "reclaimRule"));
    expect(reclaims).toHaveLength(1);
    expect(reclaims[0]?.actorName).toBeNull();
    expect(reclaims[0]?.changes).toEqual([
      { field: "ownerId", from: rep.id, to: null },
      { field: "reason", from: null, to: "auto reclaim" },
      { field: "reclaimRule", from: null, to: "noFollowUp" },
    ]);
    const pool = await rep.client.get<{ data: Customer[] }>("/api/v1/pool/customers?q=due");
    expect(pool.body.data.map((c) => c.id)).toEqual([due.id]);
    // The pool says why: the rule, not the system's stand-in reason.
    expect(pool.body.data[0]).toMatchObject({
      reclaimRule: "noFollowUp",
      releaseReason: null,
      previousOwnerId: rep.id,
    });
  });

  it("applies the rule of the customer's level, and counts 'no deal' from when the owner got it", async () => {
    await setRules([
      { level: null, noFollowUpDays: 30, noDealDays: null, noticeDays: 0 },
      { level: "A", noFollowUpDays: null, noDealDays: 90, noticeDays: 0 },
    ]);
    const vip = await ownedSince("VIP kept", 60, "A");
    const vipDue = await ownedSince("VIP due", 100, "A", 1);
    const other = await ownedSince("Other due", 60);
    await sweepOrganization(ctx.handle.db, organizationId);
    expect(await ownerOf(vip.id)).toBe(rep.id);
    expect(await ownerOf(vipDue.id)).toBeNull();
    expect(await ownerOf(other.id)).toBeNull();
  });

  it("runs as a recurring job that schedules its next run once, and stops without rules", async () => {
    await setRules([{ level: null, noFollowUpDays: 30, noDealDays: null, noticeDays: 0 }]);
    const queued = () =>
      ctx.handle.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.queue, reclaimSweepJob.queue), sql`completed_at is null`));
    const [next, ...others] = await queued();
    expect(others).toHaveLength(0);
    expect(next?.runAt.getTime()).toBeLessThanOrEqual(Date.now() + SWEEP_INTERVAL_MS);
    const due = await ownedSince("Due by job", 45);
    // Make it due now, as if the hour had passed; two runners racing run it once.
    await ctx.handle.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, next?.id ?? ""));
    const runners = [
      createJobRunner(ctx.handle.db, { onError: () => {} }),
      createJobRunner(ctx.handle.db, { onError: () => {} }),
    ];
    const ran = await Promise.all(runners.map((r) => r.runDueJobs()));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await ownerOf(due.id)).toBeNull();
    const [following, ...extra] = await queued();
    expect(extra).toHaveLength(0);
    expect(following?.runAt.getTime()).toBeGreaterThan(Date.now());

    await setRules([]);
    await ctx.handle.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, following?.id ?? ""));
    await runners[0]?.runDueJobs();
    expect(await queued()).toHaveLength(0);
  });
});

// Several app nodes on one PostgreSQL: only meaningful with a server (embedded mode is one process).
if (process.env.TEST_DATABASE_URL) {
  describe("automatic reclaim on several nodes", () => {
    it("reclaims and notices once when two nodes sweep at the same time", async () => {
      await setRules([{ level: null, noFollowUpDays: 30, noDealDays: null, noticeDays: 5 }]);
      const due = await Promise.all(["A", "B", "C"].map((n) => ownedSince(`Node due ${n}`, 40)));
      const soon = await ownedSince("Node soon", 27);
      const [{ name } = { name: "" }] = await queryRows<{ name: string }>(
        ctx.handle.db,
        sql`select current_database() as name`,
      );
      const otherNode = await openPostgres(databaseUrl(process.env.TEST_DATABASE_URL ?? "", name), 3);
      try {
        await Promise.all([
          sweepOrganization(ctx.handle.db, organizationId),
          sweepOrganization(otherNode.db, organizationId),
        ]);
      } finally {
        await otherNode.close();
      }
      for (const c of due) {
        expect(await ownerOf(c.id)).toBeNull();
        const audit = await admin.get<Audit>(`/api/v1/customers/${c.id}/audit`);
        expect(audit.body.data.filter((e) => e.changes.some((ch) => ch.field === "reclaimRule"))).toHaveLength(1);
      }
      expect(await noticesOf(soon.id)).toHaveLength(1);
    });
  });
}
