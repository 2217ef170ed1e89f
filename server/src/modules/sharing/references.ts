import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { queryRows } from "../../platform/db/client.ts";
import { type Reference, registerReference, uuidArray } from "../../platform/references.ts";
import { users } from "../users/table.ts";
import { memberLabel, type Shareable } from "./service.ts";
import { recordShares, type ShareAccess } from "./table.ts";

/**
 * The team members of one record type, as a reference: merging records gives their members to the
 * survivor (the wider access of a member of several, never its owner), in the survivor's history;
 * a record deleted for good loses its members.
 */
function membersReference(target: Shareable): Reference {
  const ofRecords = (organizationId: string, ids: string[]) =>
    sql`${recordShares.organizationId} = ${organizationId} and ${recordShares.objectType} = ${target.objectType}
        and ${recordShares.recordId} = any(${uuidArray(ids)})`;
  return {
    target: target.entityType,
    name: "members",
    async move(tx, actor, fromIds, toId) {
      const survivor = await target.resource.findWritable(tx, actor, toId);
      const joined = await queryRows<{ name: string; access: ShareAccess; added: boolean }>(
        tx,
        sql`with incoming as (
              select distinct on (user_id) user_id, access from ${recordShares}
              where ${ofRecords(actor.organizationId, fromIds)} and user_id is distinct from ${survivor.ownerId}::uuid
              order by user_id, access = 'write' desc
            ), joined as (
              insert into ${recordShares} (organization_id, object_type, record_id, user_id, access, created_by)
              select ${actor.organizationId}, ${target.objectType}, ${toId}, user_id, access, ${actor.userId} from incoming
              on conflict (organization_id, object_type, record_id, user_id) do update set access = 'write'
                where excluded.access = 'write' and ${recordShares.access} = 'read'
              returning user_id, access, xmax = 0 as added
            )
            select ${users.name} as name, joined.access, joined.added from joined join ${users} on ${users.id} = joined.user_id
            order by ${users.name}`,
      );
      if (joined.length > 0) {
        const changes = joined.map((m) => ({
          field: "sharedWith",
          from: m.added ? null : memberLabel(m.name, "read"),
          to: memberLabel(m.name, m.access),
        }));
        await writeAudit(tx, actor, { entityType: target.entityType, entityId: toId, action: "update", changes });
      }
      const left = await queryRows(
        tx,
        sql`delete from ${recordShares} where ${ofRecords(actor.organizationId, fromIds)} returning user_id`,
      );
      return left.length;
    },
    async referenced(tx, organizationId, ids) {
      const rows = await queryRows<{ record_id: string }>(
        tx,
        sql`select distinct record_id from ${recordShares} where ${ofRecords(organizationId, ids)}`,
      );
      return rows.map((r) => r.record_id);
    },
    async release(tx, by, ids) {
      const gone = await queryRows(
        tx,
        sql`delete from ${recordShares} where ${ofRecords(by.organizationId, ids)} returning user_id`,
      );
      return gone.length;
    },
  };
}

export function registerMembersReference(target: Shareable): void {
  registerReference(membersReference(target));
}
