import { and, eq, isNotNull, isNull, notInArray, or, type SQL, sql } from "drizzle-orm";
import { type Database, type Executor, queryRows } from "../../platform/db/client.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import { customers } from "../customers/table.ts";
import { notify } from "../notifications/service.ts";
import { systemActor } from "../organizations/service.ts";
import { applyOwnerChange } from "./ownership.ts";
import { poolSettings, type ReclaimRule } from "./table.ts";

/**
 * The time of a customer's last won deal, as SQL over the customers table. Deals do not exist yet,
 * so until a deals module replaces it (setLastDealSource) "no deal in M days" counts from when the
 * owner got the customer.
 */
let lastDealAt: () => SQL = () => sql`${customers.ownerAssignedAt}`;
export function setLastDealSource(source: () => SQL): void {
  lastDealAt = source;
}

export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const days = (n: number) => sql`make_interval(days => ${n}::int)`;

/** The two clocks of a rule, as SQL timestamps (null when the rule does not use one). */
function clocks(rule: ReclaimRule) {
  const after = (n: number | null, since: SQL) => (n === null ? sql`null::timestamptz` : sql`${since} + ${days(n)}`);
  const noFollowUp = after(
    rule.noFollowUpDays,
    sql`greatest(${customers.lastFollowUpAt}, ${customers.ownerAssignedAt})`,
  );
  const noDeal = after(rule.noDealDays, sql`greatest(${lastDealAt()}, ${customers.ownerAssignedAt})`);
  // The customer returns to the pool at the earlier clock (PostgreSQL's least skips nulls).
  return { noFollowUp, noDeal, deadline: sql`least(${noFollowUp}, ${noDeal})` };
}

/** A rule with a level covers that level; the one without covers every level no other rule names. */
function levelCondition(rule: ReclaimRule, rules: ReclaimRule[]): SQL | undefined {
  if (rule.level !== null) return eq(customers.level, rule.level);
  const named = rules.flatMap((r) => (r.level === null ? [] : [r.level]));
  return named.length === 0 ? undefined : or(isNull(customers.level), notInArray(customers.level, named));
}

type Due = { id: string; name: string; owner_id: string; deadline: Date; reclaim: boolean; rule: string };

/**
 * One pass over an organization's owned customers: those past a rule's deadline go back to the pool
 * (reason "auto reclaim"), those within its notice window get one notice per owner and deadline.
 * Safe to run twice at once or again after a crash: notices are deduplicated by key, and a reclaim
 * re-checks, under a row lock, that the customer still has that owner and is still past the deadline.
 */
export async function sweepOrganization(db: Database, organizationId: string, now = new Date()) {
  const [settings] = await db.select().from(poolSettings).where(eq(poolSettings.organizationId, organizationId));
  const rules = settings?.reclaimRules ?? [];
  let reclaimed = 0;
  let noticed = 0;
  for (const rule of rules) {
    const scope = and(
      eq(customers.organizationId, organizationId),
      isNotNull(customers.ownerId),
      isNull(customers.deletedAt),
      levelCondition(rule, rules),
    );
    const at = sql`${now.toISOString()}::timestamptz`;
    const { noFollowUp, noDeal, deadline } = clocks(rule);
    const due = await queryRows<Due>(
      db,
      sql`select ${customers.id} as id, ${customers.name} as name, ${customers.ownerId} as owner_id,
            ${deadline} as deadline, ${deadline} <= ${at} as reclaim,
            case when ${noFollowUp} <= coalesce(${noDeal}, 'infinity') then 'noFollowUp' else 'noDeal' end as rule
          from ${customers}
          where ${scope} and ${deadline} - ${days(rule.noticeDays)} <= ${at}`,
    );
    for (const row of due) {
      const when = new Date(row.deadline);
      if (row.reclaim) {
        if (await reclaim(db, organizationId, row, sql`${scope} and ${deadline} <= ${at}`)) reclaimed++;
      } else if (await noticeOwner(db, organizationId, row, when, now)) noticed++;
    }
  }
  return { reclaimed, noticed, hasRules: rules.length > 0 };
}

async function noticeOwner(db: Executor, organizationId: string, row: Due, when: Date, now: Date) {
  return notify(db, {
    organizationId,
    userId: row.owner_id,
    kind: "poolReclaimNotice",
    params: { name: row.name, days: Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 86_400_000)) },
    link: { type: "customer", id: row.id },
    // One notice per owner and deadline: a follow-up moves the deadline, and a new one is due then.
    dedupeKey: `pool-reclaim-notice:${row.id}:${row.owner_id}:${when.toISOString()}`,
  });
}

async function reclaim(db: Database, organizationId: string, row: Due, stillDue: SQL): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: customers.id, ownerId: customers.ownerId, departmentId: customers.departmentId })
      .from(customers)
      .where(and(eq(customers.id, row.id), eq(customers.ownerId, row.owner_id), stillDue))
      .for("update");
    if (!current) return false;
    const actor = systemActor(organizationId);
    const pool = { ownerId: null, departmentId: null };
    await applyOwnerChange(tx, actor, current, pool, { reason: "auto reclaim", reclaimRule: row.rule });
    await notify(tx, {
      organizationId,
      userId: row.owner_id,
      kind: "poolReclaimed",
      params: { name: row.name },
      link: null,
      dedupeKey: `pool-reclaimed:${row.id}:${row.owner_id}:${new Date(row.deadline).toISOString()}`,
    });
    return true;
  });
}

const slotAfter = (time: Date) => new Date((Math.floor(time.getTime() / SWEEP_INTERVAL_MS) + 1) * SWEEP_INTERVAL_MS);

/**
 * The recurring sweep of one organization. Each run first schedules the next (by a key naming its
 * time slot, so however many runs or saves ask, one job per slot exists), then sweeps. The chain
 * lives in the jobs table, so it survives restarts; it ends when the organization has no rules,
 * and saving rules starts it again.
 */
export const reclaimSweepJob = defineJob<{ organizationId: string; slot: string }>({
  queue: "pool-reclaim-sweep",
  maxAttempts: 5,
  async handle({ db, payload }) {
    const [settings] = await db
      .select({ rules: poolSettings.reclaimRules })
      .from(poolSettings)
      .where(eq(poolSettings.organizationId, payload.organizationId));
    if (!settings || settings.rules.length === 0) return;
    // After this run's own slot, even when it runs early (a test) or late (a retry): never itself again.
    await scheduleSweep(db, payload.organizationId, new Date(Math.max(Date.now(), Date.parse(payload.slot))));
    await sweepOrganization(db, payload.organizationId);
  },
});

export async function scheduleSweep(db: Executor, organizationId: string, after = new Date()): Promise<void> {
  const runAt = slotAfter(after);
  await reclaimSweepJob.enqueue(db, {
    key: `${organizationId}@${runAt.toISOString()}`,
    payload: { organizationId, slot: runAt.toISOString() },
    runAt,
    organizationId,
  });
}
