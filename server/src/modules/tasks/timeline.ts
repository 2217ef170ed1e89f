import { type AnyColumn, and, eq, isNull, sql } from "drizzle-orm";
import { can, scopeCondition } from "../../platform/permissions.ts";
import { beforeCondition, isoTime, registerTimelineProvider, timelineColumns } from "../../platform/timeline.ts";
import { users } from "../users/table.ts";
import { tasks } from "./table.ts";

const userName = (id: AnyColumn) => sql`(select ${users.name} from ${users} where ${users.id} = ${id})`;

// Tasks about the customer, in the customer's timeline; only those the caller may see.
registerTimelineProvider({
  kind: "task",
  query(actor, customerId, page) {
    if (!can(actor, "tasks", "view")) return null;
    return sql`select ${timelineColumns("task", {
      id: tasks.id,
      at: tasks.createdAt,
      actorId: tasks.createdBy,
      actorName: userName(tasks.createdBy),
      title: tasks.title,
      entity: ["task", tasks.id],
      data: sql`jsonb_build_object('status', ${tasks.status}, 'priority', ${tasks.priority},
        'dueAt', ${isoTime(tasks.dueAt)}, 'allDay', ${tasks.allDay},
        'ownerId', ${tasks.ownerId}, 'ownerName', ${userName(tasks.ownerId)})`,
    })}
      from ${tasks}
      where ${and(
        eq(tasks.organizationId, actor.organizationId),
        scopeCondition(actor, "tasks", tasks),
        isNull(tasks.deletedAt),
        eq(tasks.relatedType, "customer"),
        eq(tasks.relatedId, customerId),
        beforeCondition(tasks.createdAt, tasks.id, page),
      )}
      order by ${tasks.createdAt} desc, ${tasks.id} desc limit ${page.limit}`;
  },
});
