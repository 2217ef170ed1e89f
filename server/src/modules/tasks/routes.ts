import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { cursorParam, errorResponses, limitParam, listOf } from "../../platform/http.ts";
import { registerResourceRoutes } from "../../platform/resource-routes.ts";
import { myTasksQuerySchema, taskCreateSchema, taskFiltersSchema, taskSchema, taskUpdateSchema } from "./schema.ts";
import { dueCondition, openStatusCondition, taskFilterConditions, taskResource, taskToApi } from "./service.ts";
import { tasks } from "./table.ts";
import "./references.ts";
import "./timeline.ts";

const sorts = ["dueAt", "createdAt", "updatedAt"] as const;

export function taskRoutes(app: FastifyInstance, db: Database): void {
  // Registered first: /tasks/mine is not a task id.
  myTasksRoute(app, db);
  registerResourceRoutes(app, {
    db,
    path: "/api/v1/tasks",
    tag: "Tasks",
    resource: taskResource,
    schemas: { record: taskSchema, create: taskCreateSchema, update: taskUpdateSchema, filters: taskFiltersSchema },
    sorts,
    defaultSort: "dueAt",
    filterConditions: taskFilterConditions,
    toApi: taskToApi,
  });
}

/**
 * "My tasks": the caller's own (or those they gave to others), by due date; today, overdue or
 * upcoming in the organization's time zone.
 */
function myTasksRoute(app: FastifyInstance, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/tasks/mine", {
    schema: {
      tags: ["Tasks"],
      querystring: myTasksQuerySchema.extend({
        sort: z.enum(sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]]).default("dueAt"),
        limit: limitParam,
        cursor: cursorParam,
      }),
      response: { 200: listOf(taskSchema), ...errorResponses },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const { due, status, open, delegated, sort, limit, cursor } = req.query;
      const whose = delegated
        ? and(eq(tasks.createdBy, actor.userId), or(isNull(tasks.ownerId), ne(tasks.ownerId, actor.userId)))
        : eq(tasks.ownerId, actor.userId);
      const page = await taskResource.list(db, actor, {
        sort,
        limit,
        cursor,
        conditions: [
          whose,
          dueCondition(due),
          status ? eq(tasks.status, status) : undefined,
          open ? openStatusCondition() : undefined,
        ],
      });
      return { data: page.rows.map(taskToApi), nextCursor: page.nextCursor };
    },
  });
}
