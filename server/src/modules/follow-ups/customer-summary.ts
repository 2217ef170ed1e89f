import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../platform/db/client.ts";
import { customers } from "../customers/table.ts";
import { scheduleFollowUpDueNotices } from "./due-notice.ts";
import { followUps } from "./table.ts";

/**
 * Recomputes a customer's last and next follow-up from its live follow-ups, in the caller's
 * transaction. The rule (also in the Customer schema's OpenAPI description):
 * - last = the latest occurredAt;
 * - next = the nextFollowUpAt of the most recent follow-up that planned one, unless a follow-up
 *   already happened at or after that planned time (then the plan was carried out). A newer plan
 *   replaces an older one; a plan nobody carried out stays, overdue, until someone follows up.
 * These are derived values: the customer's version, updatedAt and audit log are left alone.
 * The owner's morning notice of the next follow-up day is scheduled in the same transaction.
 */
export async function refreshFollowUpSummary(
  tx: Transaction,
  organizationId: string,
  customerIds: (string | null)[],
): Promise<void> {
  // In id order, so two transactions touching the same customers cannot deadlock.
  const ids = [...new Set(customerIds.filter((id): id is string => id !== null))].sort();
  for (const customerId of ids) {
    // Lock first, then compute in a new statement: its snapshot includes the follow-ups of a
    // concurrent writer that held the lock, so the last writer's summary is complete.
    await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)))
      .for("update");
    const live = sql`${followUps.organizationId} = ${organizationId} and ${followUps.customerId} = ${customerId} and ${followUps.deletedAt} is null`;
    const last = sql`(select max(${followUps.occurredAt}) from ${followUps} where ${live})`;
    const plan = sql`(select ${followUps.nextFollowUpAt} from ${followUps}
      where ${live} and ${followUps.nextFollowUpAt} is not null
      order by ${followUps.occurredAt} desc, ${followUps.id} desc limit 1)`;
    await tx
      .update(customers)
      .set({
        lastFollowUpAt: sql`${last}`,
        nextFollowUpAt: sql`case when ${plan} > ${last} then ${plan} end`,
      })
      .where(eq(customers.id, customerId));
  }
  await scheduleFollowUpDueNotices(tx, organizationId, ids);
}
