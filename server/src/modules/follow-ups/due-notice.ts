import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../platform/db/client.ts";
import { defineJob } from "../../platform/jobs/queue.ts";
import { customers } from "../customers/table.ts";
import { notify } from "../notifications/service.ts";
import { organizations } from "../organizations/table.ts";

/** A customer's next follow-up day (YYYY-MM-DD, on the organization's calendar) and its owner then. */
type DueNoticePayload = { customerId: string; day: string; ownerId: string };

/** When the owner hears of the day's follow-ups: this hour of the day, on the organization's clock. */
const MORNING = "09:00";

// The customer's next follow-up as the organization's clock reads it (a timestamp without zone).
const zone = sql`(select ${organizations.timeZone} from ${organizations} where ${organizations.id} = ${customers.organizationId})`;
const localNext = sql`(${customers.nextFollowUpAt} at time zone ${zone})`;
const nextDay = sql<string>`to_char(${localNext}, 'YYYY-MM-DD')`;
const morningOfNextDay = sql`((${localNext})::date + time '${sql.raw(MORNING)}') at time zone ${zone}`;

/**
 * "今天需要跟进：{customer}": on the morning of a customer's next follow-up day, a notification to
 * its owner. The customer is the truth when it runs: a next follow-up moved to another day, a new
 * owner or a customer in the trash leaves it doing nothing. One notice per customer and day, however
 * many jobs or runners there are (the notification's dedupe key).
 */
export const followUpDueJob = defineJob<DueNoticePayload>({
  queue: "follow-up-due",
  maxAttempts: 10,
  async handle({ db, payload }) {
    const [customer] = await queryRows<{ organization_id: string; name: string; owner_id: string | null; day: string }>(
      db,
      sql`select ${customers.organizationId} as organization_id, ${customers.name} as name,
            ${customers.ownerId} as owner_id, ${nextDay} as day
          from ${customers} where ${customers.id} = ${payload.customerId} and ${customers.deletedAt} is null`,
    );
    if (!customer || customer.owner_id !== payload.ownerId || customer.day !== payload.day) return;
    await notify(db, {
      organizationId: customer.organization_id,
      userId: payload.ownerId,
      kind: "followUpDue",
      params: { name: customer.name, day: payload.day },
      link: { type: "customer", id: payload.customerId },
      dedupeKey: `follow-up-due:${payload.customerId}:${payload.day}`,
    });
  },
});

/**
 * Schedules the morning notice of these customers' next follow-up, in the caller's transaction (the
 * one that set it). A morning already gone schedules nothing: a plan made for later today is known
 * to whoever made it, and the owner's "Follow-ups due" list shows it. The key names the customer,
 * the day and the owner: asking again schedules nothing new, and a customer who changed hands
 * before its day gets a notice for the new owner when its next follow-up is set again.
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
  const due = await queryRows<{ id: string; owner_id: string; day: string; run_at: Date | string }>(
    tx,
    sql`select ${customers.id} as id, ${customers.ownerId} as owner_id, ${nextDay} as day,
          ${morningOfNextDay} as run_at
        from ${customers}
        where ${customers.organizationId} = ${organizationId} and ${customers.id} in (${ids})
          and ${customers.deletedAt} is null and ${customers.ownerId} is not null
          and ${customers.nextFollowUpAt} is not null and ${morningOfNextDay} > now()`,
  );
  for (const row of due) {
    await followUpDueJob.enqueue(tx, {
      key: `${row.id}@${row.day}:${row.owner_id}`,
      payload: { customerId: row.id, day: row.day, ownerId: row.owner_id },
      runAt: new Date(row.run_at),
      organizationId,
    });
  }
}
