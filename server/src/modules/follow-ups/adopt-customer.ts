import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { queryRows, type Transaction } from "../../platform/db/client.ts";
import type { Actor } from "../../platform/permissions.ts";
import { contacts } from "../contacts/table.ts";
import { refreshFollowUpSummary } from "./customer-summary.ts";
import { followUps } from "./table.ts";

/**
 * A contact on their own joins `customerId` (tied to a company, or merged into one of its people):
 * the follow-ups without a customer that name them, and whose other people work there too, take
 * that customer, so its timeline and last/next follow-up include them. Trashed ones too, for when
 * they are restored. Each row gets a new version and an audit entry, in the caller's transaction.
 */
export async function adoptCustomer(tx: Transaction, actor: Actor, contactId: string, customerId: string) {
  // The contact itself is left out of the check: it may not have been saved with its customer yet.
  const adopted = await queryRows<{ id: string }>(
    tx,
    sql`update ${followUps} set customer_id = ${customerId}, version = version + 1, updated_at = now()
        where ${followUps.organizationId} = ${actor.organizationId} and ${followUps.customerId} is null
          and ${followUps.contactIds} @> array[${contactId}]::uuid[]
          and not exists (select 1 from ${contacts} where ${contacts.id} = any(${followUps.contactIds})
            and ${contacts.id} <> ${contactId} and ${contacts.customerId} is distinct from ${customerId})
        returning ${followUps.id} as id`,
  );
  for (const { id } of adopted) {
    const changes = [{ field: "customerId", from: null, to: customerId }];
    await writeAudit(tx, actor, { entityType: "followUp", entityId: id, action: "update", changes });
  }
  if (adopted.length > 0) await refreshFollowUpSummary(tx, actor.organizationId, [customerId]);
}
