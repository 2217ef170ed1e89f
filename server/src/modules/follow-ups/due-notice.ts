import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../platform/db/client.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import { customers } from "../customers/table.ts";
import { notify } from "../notifications/service.ts";
import { organizations } from "../organizations/table.ts";

/**
 * A customer's next follow-up day (YYYY-MM-DD, on the organization's calendar), and the moment the
 * notice was planned for (jobs scheduled before it was kept have none).
 */
type DueNoticePayload = { customerId: string; day: string; at?: string };

/** When the owner hears of the day's follow-ups: this hour of the day, on the organization's clock. */
const MORNING = "09:00";

// The customer's next follow-up as the organization's clock reads it (a timestamp without zone).
const zone = sql`(select ${organizations.timeZone} from ${organizations} where ${organizations.id} = ${customers.organizationId})`;
const localNext = sql`(${customers.nextFollowUpAt} at time zone ${zone})`;
const nextDay = sql<string>`to_char(${localNext}, 'YYYY-MM-DD')`;
const morningOfNextDay = sql`((${localNext})::date + time '${sql.raw(MORNING)}') at time zone ${zone}`;
// A follow-up planned before the morning (08:00) is announced at its own time, not an hour late.
const noticeAt = sql`least(${morningOfNextDay}, ${customers.nextFollowUpAt})`;

/**
 * "{day} 需要跟进：{customer}": on the morning of a customer's next follow-up day, a notification to
 * whoever owns it then (a customer transferred before its day tells its new owner). The customer is
 * the truth when it runs: a next follow-up moved to another day, a customer in the pool or in the
 * trash leaves it doing nothing. One notice per customer and day, however many jobs or runners
 * there are (the notification's dedupe key).
 */
export const followUpDueJob = defineJob<DueNoticePayload>({
  queue: "follow-up-due",
  maxAttempts: 10,
  async handle({ db, payload }) {
    const [customer] = await queryRows<{
      organization_id: string;
      name: string;
      owner_id: string | null;
      day: string;
      notice_at: Date | string;
    }>(
      db,
      sql`select ${customers.organizationId} as organization_id, ${customers.name} as name,
            ${customers.ownerId} as owner_id, ${nextDay} as day, ${noticeAt} as notice_at
          from ${customers} where ${customers.id} = ${payload.customerId} and ${customers.deletedAt} is null`,
    );
    if (!customer?.owner_id || customer.day !== payload.day) return;
    // A plan moved within its day (07:30 to 15:00) left this job behind: the one at the new moment tells.
    if (payload.at && new Date(customer.notice_at).toISOString() !== payload.at) return;
    await notify(db, {
      organizationId: customer.organization_id,
      userId: customer.owner_id,
      kind: "followUpDue",
      params: { name: customer.name, day: payload.day },
      link: { type: "customer", id: payload.customerId },
      dedupeKey: `follow-up-due:${payload.customerId}:${payload.day}`,
    });
  },
});

/**
 * Schedules the morning notice of these customers' next follow-up (09:00, or the planned time when
 * earlier), in the caller's transaction (the one that set it). A moment already gone schedules
 * nothing: a plan made for later today is known to whoever made it, and the owner's "Follow-ups due"
 * list shows it. A customer in the pool gets its notice too: whoever claims it before the day hears
 * of it (the job finds the owner, or none). The key names the customer, the day and the moment:
 * asking again schedules nothing new, and a plan moved within its day (10:00 to 07:30, or back) is
 * told at its new time, by the job of that moment; the notice's own dedupe key keeps it to one a day.
 */
export async function scheduleFollowUpDueNotices(
  tx: Executor,
  organizationId: string,
  customerIds: string[],
): Promise<void> {
  if (customerIds.length === 0) return;
  const ids: SQL = sql.join(
    customerIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const due = await queryRows<{ id: string; day: string; run_at: Date | string }>(
    tx,
    sql`select ${customers.id} as id, ${nextDay} as day, ${noticeAt} as run_at
        from ${customers}
        where ${customers.organizationId} = ${organizationId} and ${customers.id} in (${ids})
          and ${customers.deletedAt} is null
          and ${customers.nextFollowUpAt} is not null and ${noticeAt} > now()`,
  );
  for (const row of due) {
    const at = new Date(row.run_at).toISOString();
    await followUpDueJob.enqueue(tx, {
      key: `${row.id}@${row.day}@${at}`,
      payload: { customerId: row.id, day: row.day, at },
      runAt: new Date(row.run_at),
      organizationId,
    });
  }
}
