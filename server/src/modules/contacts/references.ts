import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { queryRows, type Transaction } from "../../platform/db/client.ts";
import type { Actor } from "../../platform/permissions.ts";
import { columnReference, registerReference } from "../../platform/references.ts";
import { contacts } from "./table.ts";

/**
 * A customer has one primary contact at most: of the contacts coming together on the survivor,
 * the survivor's own primary stays, else the first merged customer's; the others lose the mark.
 */
async function keepOnePrimary(tx: Transaction, actor: Actor, fromIds: string[], toId: string): Promise<void> {
  const customers = sql`array[${sql.join(
    [toId, ...fromIds].map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const cleared = await queryRows<{ id: string }>(
    tx,
    sql`update ${contacts} set is_primary = false, version = version + 1, updated_at = now()
        where organization_id = ${actor.organizationId} and is_primary and customer_id = any(${customers})
          and id <> (select id from ${contacts} where organization_id = ${actor.organizationId} and is_primary
                     and customer_id = any(${customers})
                     order by customer_id = ${toId}::uuid desc, array_position(${customers}, customer_id), id limit 1)
        returning id`,
  );
  for (const { id } of cleared) {
    const changes = [{ field: "isPrimary", from: true, to: false }];
    await writeAudit(tx, actor, { entityType: "contact", entityId: id, action: "update", changes });
  }
}

// Merging customers moves their contacts to the survivor.
registerReference(
  columnReference({
    target: "customer",
    name: "contacts",
    entityType: "contact",
    table: contacts,
    column: contacts.customerId,
    beforeMove: keepOnePrimary,
  }),
);
