import { and, eq, sql } from "drizzle-orm";
import { can } from "../../platform/permissions.ts";
import { beforeCondition, registerTimelineProvider, timelineColumns } from "../../platform/timeline.ts";
import { users } from "../users/table.ts";
import { contactResource } from "./service.ts";
import { contacts } from "./table.ts";

// A customer's timeline shows when each of its contacts was added; only the contacts the caller
// may see (as on the contacts list), and none at all for someone without access to contacts.
registerTimelineProvider({
  kind: "contact",
  query(actor, customerId, page) {
    if (!can(actor, "contacts", "view")) return null;
    return sql`select ${timelineColumns("contact", {
      id: contacts.id,
      at: contacts.createdAt,
      actorId: contacts.createdBy,
      actorName: sql`(select ${users.name} from ${users} where ${users.id} = ${contacts.createdBy})`,
      title: contacts.name,
      entity: ["contact", contacts.id],
      data: sql`jsonb_build_object('name', ${contacts.name}, 'title', ${contacts.title}, 'isPrimary', ${contacts.isPrimary})`,
    })}
      from ${contacts}
      where ${and(
        contactResource.visibleCondition(actor),
        eq(contacts.customerId, customerId),
        beforeCondition(contacts.createdAt, contacts.id, page),
      )}
      order by ${contacts.createdAt} desc, ${contacts.id} desc limit ${page.limit}`;
  },
});
