import { newId } from "../../platform/db/columns.ts";
import type { followUpKinds } from "../follow-ups/schema.ts";
import type { followUps } from "../follow-ups/table.ts";
import type { OrgClock } from "./clock.ts";
import type { NewContact } from "./contacts.ts";
import type { NewCustomer } from "./customers.ts";
import { groupBy, type SeededRandom } from "./random.ts";
import { followUpContents, followUpOutcomes, loneContactFollowUp, say } from "./texts.ts";

export type NewFollowUp = typeof followUps.$inferInsert & {
  id: string;
  occurredAt: Date;
  nextFollowUpAt: Date | null;
  ownerId: string;
  createdAt: Date;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back the demo's follow-ups go. */
const HISTORY_DAYS = 90;

/** Where a customer's latest follow-up leaves its next one: today, missed, planned later, or none. */
type Plan = "today" | "overdue" | "later" | "none";

const kinds: readonly (readonly [(typeof followUpKinds)[number], number])[] = [
  ["call", 35],
  ["email", 20],
  ["meeting", 15],
  ["visit", 15],
  ["note", 15],
];

/**
 * A customer's last and next follow-up, by the rule the follow-ups service keeps them by
 * (refreshFollowUpSummary in follow-ups/customer-summary.ts): last is the latest occurredAt; next
 * is the plan of the latest follow-up that made one, unless a follow-up happened at or after it.
 */
export function followUpSummary(rows: NewFollowUp[]): { lastFollowUpAt: Date | null; nextFollowUpAt: Date | null } {
  const newestFirst = [...rows].sort(
    (a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const last = newestFirst[0]?.occurredAt ?? null;
  const plan = newestFirst.find((row) => row.nextFollowUpAt)?.nextFollowUpAt ?? null;
  return { lastFollowUpAt: last, nextFollowUpAt: last && plan && plan > last ? plan : null };
}

/**
 * Each owner's first customers are due today and overdue, so every rep's "follow-ups due" has
 * something; after those, some are planned for the coming weeks, a few missed, the rest open.
 */
function planFor(r: SeededRandom, nth: number): Plan {
  if (nth === 0) return "today";
  if (nth === 1) return "overdue";
  if (nth === 2) return r.chance(0.5) ? "today" : "overdue";
  return r.weighted([
    ["later", 45],
    ["overdue", 8],
    ["none", 47],
  ] as const);
}

/**
 * 0 to 6 follow-ups per live customer over the last 90 days, in office hours where the
 * organization works, by the customer's owner and naming one of its people; earlier ones planned
 * the follow-up that came after them, the latest plans the next (see planFor). Two of the people
 * met at a trade show have one too.
 */
export function generateFollowUps(
  r: SeededRandom,
  input: { organizationId: string; customers: NewCustomer[]; contacts: NewContact[]; clock: OrgClock; zh: boolean },
): NewFollowUp[] {
  const { organizationId, clock, zh } = input;
  const now = clock.now;
  const peopleOf = groupBy(
    input.contacts.filter((c) => c.customerId),
    (c) => c.customerId,
  );
  const rows: NewFollowUp[] = [];
  const plannedPerOwner = new Map<string, number>();
  const todayStart = clock.at(0, 0).getTime();

  // Office hours on the day of an instant, where the organization works; the instant itself when
  // those fall outside the window.
  function inOfficeHours(instant: number, from: number, to: number): number {
    const days = Math.floor((instant - todayStart) / DAY);
    const snapped = clock.at(days, r.int(9, 17), r.int(0, 59)).getTime();
    return snapped > from && snapped < to ? snapped : instant;
  }

  for (const customer of input.customers) {
    const count = r.weighted([
      [0, 2],
      [1, 2],
      [2, 3],
      [3, 3],
      [4, 2],
      [5, 2],
      [6, 1],
    ] as const);
    if (count === 0) continue;
    const nth = plannedPerOwner.get(customer.ownerId) ?? 0;
    let plan = planFor(r, nth);
    // Every number drawn whatever the plan turns out to be, so that organizations in other time
    // zones draw the same ones and get the same data.
    const [daysAgo, daysAhead, hour, minute] = [r.int(1, 10), r.int(1, 21), r.int(9, 17), r.pick([0, 30])];
    const start = Math.max(customer.createdAt.getTime() + HOUR, now - HISTORY_DAYS * DAY);
    // The latest follow-up happens before what it plans: for today, by yesterday; for a missed
    // plan, a day or more before it. A customer too new for that plans a later one.
    const endFor = { today: clock.at(-1, 18), overdue: clock.at(-daysAgo - 1, 18) };
    if ((plan === "today" || plan === "overdue") && endFor[plan].getTime() <= start) plan = "later";
    const next = {
      today: clock.at(0, hour, minute),
      overdue: clock.at(-daysAgo, hour, minute),
      later: clock.at(daysAhead, hour, minute),
      none: null,
    }[plan];
    const end = plan === "today" || plan === "overdue" ? endFor[plan].getTime() : now - HOUR;
    if (plan !== "none") plannedPerOwner.set(customer.ownerId, nth + 1);
    const times = Array.from({ length: count }, () => inOfficeHours(start + r.next() * (end - start), start, end)).sort(
      (a, b) => a - b,
    );
    const people = peopleOf.get(customer.id) ?? [];
    times.forEach((time, i) => {
      const kind = r.weighted(kinds);
      const contact = kind !== "note" && people.length > 0 && r.chance(0.75) ? r.pick(people) : undefined;
      const following = times[i + 1];
      // An earlier follow-up planned the one after it (on the hour, the one before it happened),
      // which then happened: its plan stays in the past.
      const planned =
        following === undefined
          ? next
          : r.chance(0.4) && following - 2 * HOUR > time
            ? new Date(Math.floor((following - HOUR) / HOUR) * HOUR)
            : null;
      const createdAt = new Date(Math.min(now, time + r.int(5, 90) * MINUTE));
      rows.push({
        id: newId(),
        organizationId,
        customerId: customer.id,
        contactIds: contact ? [contact.id] : [],
        kind,
        occurredAt: new Date(time),
        content: say(zh, r.pick(followUpContents[kind])),
        outcome: kind !== "note" && r.chance(0.7) ? say(zh, r.pick(followUpOutcomes)) : null,
        nextFollowUpAt: planned,
        ownerId: customer.ownerId,
        departmentId: customer.departmentId,
        createdBy: customer.ownerId,
        createdAt,
        updatedAt: createdAt,
      });
    });
  }

  for (const person of input.contacts.filter((c) => !c.customerId).slice(0, 2)) {
    const occurredAt = new Date(Math.min(now - HOUR, person.createdAt.getTime() + HOUR));
    rows.push({
      id: newId(),
      organizationId,
      customerId: null,
      contactIds: [person.id],
      kind: "meeting",
      occurredAt,
      content: say(zh, loneContactFollowUp),
      outcome: null,
      nextFollowUpAt: null,
      ownerId: person.ownerId,
      departmentId: person.departmentId,
      createdBy: person.ownerId,
      createdAt: occurredAt,
      updatedAt: occurredAt,
    });
  }
  return rows;
}
