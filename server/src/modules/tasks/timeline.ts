import { type AnyColumn, and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { can } from "../../platform/permissions.ts";
import { beforeCondition, isoTime, registerTimelineProvider, timelineColumns } from "../../platform/timeline.ts";
import { contacts } from "../contacts/table.ts";
import { users } from "../users/table.ts";
import { relatedNameColumn } from "./related.ts";
import { taskScope } from "./service.ts";
import { tasks } from "./table.ts";

const userName = (id: AnyColumn) => sql`(select ${users.name} from ${users} where ${users.id} = ${id})`;

// Tasks about the customer or about one of its contacts, in the customer's timeline (when created,
// with when it was completed); only those the caller may see.
registerTimelineProvider({
  kind: "task",
  query(actor, customerId, page) {
    if (!can(actor, "tasks", "view")) return null;
    const itsContacts = sql`(select ${contacts.id} from ${contacts}
      where ${contacts.organizationId} = ${actor.organizationId} and ${contacts.customerId} = ${customerId})`;
    return sql`select ${timelineColumns("task", {
      id: tasks.id,
      at: tasks.createdAt,
      actorId: tasks.createdBy,
      actorName: userName(tasks.createdBy),
      title: tasks.title,
      entity: ["task", tasks.id],
      data: sql`jsonb_build_object('status', ${tasks.status}, 'priority', ${tasks.priority},
        'dueAt', ${isoTime(tasks.dueAt)}, 'allDay', ${tasks.allDay}, 'completedAt', ${isoTime(tasks.completedAt)},
        'ownerId', ${tasks.ownerId}, 'ownerName', ${userName(tasks.ownerId)},
        'relatedType', ${tasks.relatedType}, 'relatedId', ${tasks.relatedId}, 'relatedName', ${relatedNameColumn()})`,
    })}
      from ${tasks}
      where ${and(
        eq(tasks.organizationId, actor.organizationId),
        taskScope(actor),
        isNull(tasks.deletedAt),
        or(
          and(eq(tasks.relatedType, "customer"), eq(tasks.relatedId, customerId)),
          and(eq(tasks.relatedType, "contact"), inArray(tasks.relatedId, itsContacts)),
        ),
        beforeCondition(tasks.createdAt, tasks.id, page),
      )}
      order by ${tasks.createdAt} desc, ${tasks.id} desc limit ${page.limit}`;
  },
});
