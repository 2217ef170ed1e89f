import { isNull, type SQL, sql } from "drizzle-orm";
import type { followUpDue } from "../customers/schema.ts";
import { customers } from "../customers/table.ts";
import { organizations } from "../organizations/table.ts";

/** "Today" starts at midnight where the organization works, not where the server runs. */
const startOfToday = sql`(date_trunc('day', now() at time zone (
  select ${organizations.timeZone} from ${organizations} where ${organizations.id} = ${customers.organizationId}
)) at time zone (
  select ${organizations.timeZone} from ${organizations} where ${organizations.id} = ${customers.organizationId}
))`;

/**
 * Customers whose next follow-up is overdue, due today, due within the next 7 days, not planned, or
 * due by the end of today (overdue or today: a rep's follow-ups to do now).
 */
export function followUpDueCondition(due: (typeof followUpDue)[number]): SQL | undefined {
  const next = customers.nextFollowUpAt;
  switch (due) {
    case "overdue":
      return sql`${next} < now()`;
    case "today":
      return sql`${next} >= ${startOfToday} and ${next} < ${startOfToday} + interval '1 day'`;
    case "week":
      return sql`${next} >= ${startOfToday} and ${next} < ${startOfToday} + interval '7 days'`;
    case "none":
      return isNull(next);
    case "todayOrOverdue":
      return sql`${next} < ${startOfToday} + interval '1 day'`;
  }
}
