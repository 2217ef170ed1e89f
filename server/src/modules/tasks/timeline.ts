import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { can, scopeCondition } from "../../platform/permissions.ts";
import { beforeCondition, registerTimelineProvider } from "../../platform/timeline.ts";
import { users } from "../users/table.ts";
import { tasks } from "./table.ts";

// Tasks about the customer, in the customer's timeline; only those the caller may see.
registerTimelineProvider({
  kind: "task",
  async entries(db, actor, customerId, page) {
    if (!can(actor, "tasks", "view")) return [];
    const rows = await db
      .select({
        id: tasks.id,
        at: tasks.createdAt,
        actorId: tasks.createdBy,
        actorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${tasks.createdBy})`,
        title: tasks.title,
        status: tasks.status,
        priority: tasks.priority,
        dueAt: tasks.dueAt,
        allDay: tasks.allDay,
        ownerId: tasks.ownerId,
        ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${tasks.ownerId})`,
      })
      .from(tasks)
      .where(
        and(
          eq(tasks.organizationId, actor.organizationId),
          scopeCondition(actor, "tasks", tasks),
          isNull(tasks.deletedAt),
          eq(tasks.relatedType, "customer"),
          eq(tasks.relatedId, customerId),
          beforeCondition(tasks.createdAt, tasks.id, page),
        ),
      )
      .orderBy(desc(tasks.createdAt), desc(tasks.id))
      .limit(page.limit);
    return rows.map((r) => ({
      id: r.id,
      kind: "task",
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      title: r.title,
      entity: { type: "task", id: r.id },
      data: {
        status: r.status,
        priority: r.priority,
        dueAt: r.dueAt ? r.dueAt.toISOString() : null,
        allDay: r.allDay,
        ownerId: r.ownerId,
        ownerName: r.ownerName,
      },
    }));
  },
});
