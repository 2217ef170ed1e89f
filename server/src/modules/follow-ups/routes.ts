import type { FastifyInstance } from "fastify";
import type { Database } from "../../platform/db/client.ts";
import { registerResourceRoutes } from "../../platform/resource-routes.ts";
import { followUpCreateSchema, followUpFiltersSchema, followUpSchema, followUpUpdateSchema } from "./schema.ts";
import { followUpFilterConditions, followUpResource, followUpToApi } from "./service.ts";
import "./references.ts";
import "./timeline.ts";

export function followUpRoutes(app: FastifyInstance, db: Database): void {
  registerResourceRoutes(app, {
    db,
    path: "/api/v1/follow-ups",
    tag: "Follow-ups",
    resource: followUpResource,
    schemas: {
      record: followUpSchema,
      create: followUpCreateSchema,
      update: followUpUpdateSchema,
      filters: followUpFiltersSchema,
    },
    sorts: ["occurredAt", "createdAt"],
    defaultSort: "-occurredAt",
    filterConditions: followUpFilterConditions,
    toApi: followUpToApi,
  });
}
