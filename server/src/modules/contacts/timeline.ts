import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { can, scopeCondition } from "../../platform/permissions.ts";
import { beforeCondition, registerTimelineProvider } from "../../platform/timeline.ts";
import { users } from "../users/table.ts";
import { contacts } from "./table.ts";

// A customer's timeline shows when each of its contacts was added; only the contacts the caller
// may see, and none at all for someone without access to contacts.
registerTimelineProvider({
  kind: "contact",
  async entries(db, actor, customerId, page) {
    if (!can(actor, "contacts", "view")) return [];
    const rows = await db
      .select({
        id: contacts.id,
        name: contacts.name,
        title: contacts.title,
        isPrimary: contacts.isPrimary,
        at: contacts.createdAt,
        actorId: contacts.createdBy,
        actorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${contacts.createdBy})`,
      })
      .from(contacts)
      .where(
        and(
          eq(contacts.organizationId, actor.organizationId),
          eq(contacts.customerId, customerId),
          isNull(contacts.deletedAt),
          scopeCondition(actor, "contacts", contacts),
          beforeCondition(contacts.createdAt, contacts.id, page),
        ),
      )
      .orderBy(desc(contacts.createdAt), desc(contacts.id))
      .limit(page.limit);
    return rows.map((r) => ({
      id: r.id,
      kind: "contact",
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      title: r.name,
      entity: { type: "contact", id: r.id },
      data: { name: r.name, title: r.title, isPrimary: r.isPrimary },
    }));
  },
});
