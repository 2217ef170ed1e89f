import { columnReference, registerReference } from "../../platform/references.ts";
import { refreshFollowUpSummary } from "./customer-summary.ts";
import { followUps } from "./table.ts";

// Merging duplicates moves follow-ups to the surviving customer and contact. A customer deleted for
// good takes its follow-ups with it (foreign key); a contact deleted for good leaves their list.
const customerLink = columnReference({
  target: "customer",
  name: "followUps",
  entityType: "followUp",
  table: followUps,
  column: followUps.customerId,
});
registerReference({
  ...customerLink,
  async move(tx, actor, fromIds, toId) {
    const moved = await customerLink.move(tx, actor, fromIds, toId);
    if (moved > 0) await refreshFollowUpSummary(tx, actor.organizationId, [toId, ...fromIds]);
    return moved;
  },
});

registerReference(
  columnReference({
    target: "contact",
    name: "followUps",
    entityType: "followUp",
    table: followUps,
    column: followUps.contactIds,
    many: true,
    unlinkOnPurge: {},
  }),
);
