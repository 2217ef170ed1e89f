import { and, eq, sql } from "drizzle-orm";
import { can } from "../../platform/permissions.ts";
import { beforeCondition, isoTime, registerTimelineProvider, timelineColumns } from "../../platform/timeline.ts";
import { contactResource } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { users } from "../users/table.ts";
import { nextFollowUpOpen } from "./plan-open.ts";
import { followUpResource } from "./service.ts";
import { followUps } from "./table.ts";

const TITLE_LENGTH = 80;

/** The first line of the content, shortened: enough for a client that does not render follow-ups itself. */
const firstLine = sql`split_part(${followUps.content}, E'\\n', 1)`;
const title = sql`case when char_length(${firstLine}) > ${TITLE_LENGTH}
  then left(${firstLine}, ${TITLE_LENGTH - 1}) || '…' else ${firstLine} end`;

// The customer's follow-ups, newest first by when they happened. The resource's visibility keeps
// every rule (scope of the follow-up's owner, visible customer) in one place. Each names the
// contacts it was logged with, those the caller may see (as the follow-up API does), and whether its
// plan is still open (plan-open.ts: an open plan in the past is overdue; a settled one is history).
registerTimelineProvider({
  kind: "followUp",
  query(actor, customerId, page) {
    if (!can(actor, "followUps", "view")) return null;
    const named = can(actor, "contacts", "view")
      ? sql`(select coalesce(jsonb_agg(jsonb_build_object('id', ${contacts.id}, 'name', ${contacts.name})
          order by array_position(${followUps.contactIds}, ${contacts.id})), '[]'::jsonb)
          from ${contacts}
          where ${contacts.id} = any(${followUps.contactIds}) and ${contactResource.visibleCondition(actor)})`
      : sql`'[]'::jsonb`;
    return sql`select ${timelineColumns("followUp", {
      id: followUps.id,
      at: followUps.occurredAt,
      actorId: followUps.ownerId,
      actorName: sql`(select ${users.name} from ${users} where ${users.id} = ${followUps.ownerId})`,
      title,
      entity: ["followUp", followUps.id],
      data: sql`jsonb_build_object('kind', ${followUps.kind}, 'content', ${followUps.content},
        'outcome', ${followUps.outcome}, 'nextFollowUpAt', ${isoTime(followUps.nextFollowUpAt)},
        'nextFollowUpOpen', ${nextFollowUpOpen},
        'contactIds', to_jsonb(${followUps.contactIds}), 'contacts', ${named})`,
    })}
      from ${followUps}
      where ${and(
        followUpResource.visibleCondition(actor),
        eq(followUps.customerId, customerId),
        beforeCondition(followUps.occurredAt, followUps.id, page),
      )}
      order by ${followUps.occurredAt} desc, ${followUps.id} desc limit ${page.limit}`;
  },
});
