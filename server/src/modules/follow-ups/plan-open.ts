import { type AnyColumn, sql } from "drizzle-orm";
import { followUps } from "./table.ts";

// Every column below names its table. Drizzle writes the top-level columns of a one-table select
// (the follow-up list) without it, and inside a lookup in the same table a bare column means the
// inner row: "customer_id = customer_id" would hold for every customer.
const LATER = "later_follow_up";
/** A column of the follow-up whose plan is asked about (selected from `follow_ups` itself, not an alias). */
const row = (column: AnyColumn) => sql`${sql.identifier("follow_ups")}.${sql.identifier(column.name)}`;
/** The same column of a follow-up that may have come after it. */
const later = (column: AnyColumn) => sql`${sql.identifier(LATER)}.${sql.identifier(column.name)}`;
const fromLater = sql`from ${followUps} as ${sql.identifier(LATER)}`;

/** A live follow-up logged after the row (ties on the time broken by id, as the timeline orders them). */
const loggedAfter = sql`${later(followUps.organizationId)} = ${row(followUps.organizationId)}
  and ${later(followUps.deletedAt)} is null
  and ${later(followUps.occurredAt)} >= ${row(followUps.occurredAt)}
  and (${later(followUps.occurredAt)} > ${row(followUps.occurredAt)} or ${later(followUps.id)} > ${row(followUps.id)})`;

/** ...that settles the row's plan: it plans anew (the plan is replaced), or happened at or after the planned time (carried out). */
const settles = sql`(${later(followUps.nextFollowUpAt)} is not null
  or ${later(followUps.occurredAt)} >= ${row(followUps.nextFollowUpAt)})`;

/**
 * Whether a follow-up's plan (its nextFollowUpAt) is still to be carried out: true while no later
 * follow-up about the same customer (without one, naming one of the same people) replaced it with a
 * newer plan or happened at or after its time. The rule of the customer's next follow-up
 * (customer-summary.ts): an open plan is the customer's next follow-up, and an open plan in the past
 * is overdue; one that is not open is history. The cheap tests come first, so the lookup (along the
 * customer's timeline index, from this follow-up on) runs only for a live follow-up with a plan.
 */
export const nextFollowUpOpen = sql<boolean>`case
  when ${row(followUps.nextFollowUpAt)} is null or ${row(followUps.deletedAt)} is not null then false
  when ${row(followUps.customerId)} is not null then not exists (select 1 ${fromLater}
    where ${later(followUps.customerId)} = ${row(followUps.customerId)} and ${loggedAfter} and ${settles})
  else not exists (select 1 ${fromLater}
    where ${later(followUps.contactIds)} && ${row(followUps.contactIds)} and ${loggedAfter} and ${settles})
  end`;
