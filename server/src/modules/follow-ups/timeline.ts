import { eq } from "drizzle-orm";
import { can } from "../../platform/permissions.ts";
import { beforeCondition, registerTimelineProvider } from "../../platform/timeline.ts";
import { followUpResource } from "./service.ts";
import { followUps } from "./table.ts";

const TITLE_LENGTH = 80;

/** The first line of the content, shortened: enough for a client that does not render follow-ups itself. */
function titleOf(content: string): string {
  const line = content.split("\n", 1)[0] ?? "";
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

// The customer's follow-ups, newest first by when they happened. Going through the resource's list
// keeps every visibility rule (scope of the follow-up's owner, visible customer) in one place.
registerTimelineProvider({
  kind: "followUp",
  async entries(db, actor, customerId, page) {
    if (!can(actor, "followUps", "view")) return [];
    const { rows } = await followUpResource.list(db, actor, {
      sort: "-occurredAt",
      limit: page.limit,
      conditions: [eq(followUps.customerId, customerId), beforeCondition(followUps.occurredAt, followUps.id, page)],
    });
    return rows.map((r) => ({
      id: r.id,
      kind: "followUp",
      at: r.occurredAt.toISOString(),
      actorId: r.ownerId,
      actorName: r.ownerName,
      title: titleOf(r.content),
      entity: { type: "followUp", id: r.id },
      data: {
        kind: r.kind,
        content: r.content,
        outcome: r.outcome,
        nextFollowUpAt: r.nextFollowUpAt ? r.nextFollowUpAt.toISOString() : null,
        contactIds: r.contactIds,
      },
    }));
  },
});
