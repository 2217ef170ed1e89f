import type { FastifyInstance } from "fastify";
import type { Database } from "../../platform/db/client.ts";
import { registerResourceRoutes } from "../../platform/resource-routes.ts";
import { customerCreateSchema, customerFiltersSchema, customerSchema, customerUpdateSchema } from "./schema.ts";
import { customerFilterConditions, customerResource, customerToApi } from "./service.ts";

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
    sorts: ["name", "createdAt", "updatedAt"],
    defaultSort: "-updatedAt",
    filterConditions: customerFilterConditions,
    toApi: customerToApi,
  });
}
