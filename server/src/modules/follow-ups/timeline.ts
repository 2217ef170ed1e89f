import { and, eq, sql } from "drizzle-orm";
import { can } from "../../platform/permissions.ts";
import { beforeCondition, isoTime, registerTimelineProvider, timelineColumns } from "../../platform/timeline.ts";
import { users } from "../users/table.ts";
import { followUpResource } from "./service.ts";
import { followUps } from "./table.ts";

const TITLE_LENGTH = 80;

/** The first line of the content, shortened: enough for a client that does not render follow-ups itself. */
const firstLine = sql`split_part(${followUps.content}, E'\\n', 1)`;
const title = sql`case when char_length(${firstLine}) > ${TITLE_LENGTH}
  then left(${firstLine}, ${TITLE_LENGTH - 1}) || '…' else ${firstLine} end`;

// The customer's follow-ups, newest first by when they happened. The resource's visibility keeps
// every rule (scope of the follow-up's owner, visible customer) in one place.
registerTimelineProvider({
  kind: "followUp",
  query(actor, customerId, page) {
    if (!can(actor, "followUps", "view")) return null;
    return sql`select ${timelineColumns("followUp", {
      id: followUps.id,
      at: followUps.occurredAt,
      actorId: followUps.ownerId,
      actorName: sql`(select ${users.name} from ${users} where ${users.id} = ${followUps.ownerId})`,
      title,
      entity: ["followUp", followUps.id],
      data: sql`jsonb_build_object('kind', ${followUps.kind}, 'content', ${followUps.content},
        'outcome', ${followUps.outcome}, 'nextFollowUpAt', ${isoTime(followUps.nextFollowUpAt)},
        'contactIds', to_jsonb(${followUps.contactIds}))`,
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
