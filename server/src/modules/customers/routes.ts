import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses, idParams, listOf } from "../../platform/http.ts";
import { registerResourceRoutes } from "../../platform/resource-routes.ts";
import {
  customerTimeline,
  timelineEntrySchema,
  timelineOptions,
  timelineQuerySchema,
} from "../../platform/timeline.ts";
import { customerCreateSchema, customerFiltersSchema, customerSchema, customerUpdateSchema } from "./schema.ts";
import { customerFilterConditions, customerResource, customerToApi, requireKnownCustomerFilters } from "./service.ts";

export function customerRoutes(app: FastifyInstance, db: Database): void {
  registerResourceRoutes(app, {
    db,
    path: "/api/v1/customers",
    tag: "Customers",
    resource: customerResource,
    schemas: {
      record: customerSchema,
      create: customerCreateSchema,
      update: customerUpdateSchema,
      filters: customerFiltersSchema,
    },
    sorts: ["name", "createdAt", "updatedAt", "lastFollowUpAt", "nextFollowUpAt"],
    defaultSort: "-updatedAt",
    filterConditions: customerFilterConditions,
    checkEmptyFilters: requireKnownCustomerFilters,
    toApi: customerToApi,
  });
  customerTimelineRoute(app, db);
}

/** The 360° view: one timeline of everything about a customer, newest first, filterable by kind. */
export function customerTimelineRoute(app: FastifyInstance, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/customers/:id/timeline", {
    schema: {
      tags: ["Customers"],
      params: idParams,
      querystring: timelineQuerySchema,
      response: { 200: listOf(timelineEntrySchema), ...errorResponses },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await customerResource.requireVisible(db, actor, req.params.id);
      return customerTimeline(db, actor, req.params.id, timelineOptions(req.query));
    },
  });
}
