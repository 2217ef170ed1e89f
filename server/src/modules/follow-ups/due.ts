import { isNull, type SQL, sql } from "drizzle-orm";
import type { followUpDue } from "../customers/schema.ts";
import { customers } from "../customers/table.ts";
import { organizations } from "../organizations/table.ts";

const organizationZone = sql`(select ${organizations.timeZone} from ${organizations} where ${organizations.id} = ${customers.organizationId})`;

/**
 * Midnight `days` days after today's, where the organization works (`zone`), not where the server
 * runs. Counted on the wall clock and only then made an instant: a day is 23 or 25 hours long when
 * the clocks change, so "+ 1 day" on an instant (24 hours in a UTC session) would end it at 23:00.
 */
export function localMidnight(zone: SQL, days: number, now: SQL = sql`now()`): SQL {
  return sql`((date_trunc('day', ${now} at time zone ${zone}) + make_interval(days => ${days})) at time zone ${zone})`;
}

/**
 * Customers whose next follow-up is overdue, planned for an earlier day than today (what My tasks
 * calls overdue, apart from today's), due today, due within the next 7 days, not planned, or due by
 * the end of today (overdue or today: a rep's follow-ups to do now).
 */
export function followUpDueCondition(due: (typeof followUpDue)[number]): SQL | undefined {
  const next = customers.nextFollowUpAt;
  const today = localMidnight(organizationZone, 0);
  switch (due) {
    case "overdue":
      return sql`${next} < now()`;
    case "beforeToday":
      return sql`${next} < ${today}`;
    case "today":
      return sql`${next} >= ${today} and ${next} < ${localMidnight(organizationZone, 1)}`;
    case "week":
      return sql`${next} >= ${today} and ${next} < ${localMidnight(organizationZone, 7)}`;
    case "none":
      return isNull(next);
    case "todayOrOverdue":
      return sql`${next} < ${localMidnight(organizationZone, 1)}`;
  }
}
