import { eq, sql } from "drizzle-orm";
import { queryRows } from "../../platform/db/client.ts";
import { columnReference, registerReference, uuidArray } from "../../platform/references.ts";
import { contacts } from "../contacts/table.ts";
import { adoptCustomer } from "./adopt-customer.ts";
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

const contactLink = columnReference({
  target: "contact",
  name: "followUps",
  entityType: "followUp",
  table: followUps,
  column: followUps.contactIds,
  many: true,
  unlinkOnPurge: {},
});
registerReference({
  ...contactLink,
  // The merged contacts' follow-ups without a customer take the survivor's, when it has one.
  async move(tx, actor, fromIds, toId) {
    const moved = await contactLink.move(tx, actor, fromIds, toId);
    const [survivor] = await tx.select({ customerId: contacts.customerId }).from(contacts).where(eq(contacts.id, toId));
    if (moved > 0 && survivor?.customerId) await adoptCustomer(tx, actor, toId, survivor.customerId);
    return moved;
  },
  // A follow-up without a customer is about its people: when all of them are deleted for good, it
  // goes too, as a customer's follow-ups go with the customer.
  async release(tx, by, ids) {
    await queryRows(
      tx,
      sql`delete from ${followUps} where ${followUps.organizationId} = ${by.organizationId}
          and ${followUps.customerId} is null and ${followUps.contactIds} <@ ${uuidArray(ids)}`,
    );
    return (await contactLink.release?.(tx, by, ids)) ?? 0;
  },
});
