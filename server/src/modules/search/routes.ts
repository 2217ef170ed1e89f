import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses } from "../../platform/http.ts";
import { searchQuerySchema, searchResultSchema } from "./schema.ts";
import { globalSearch } from "./service.ts";

/** The global search box (Ctrl/Cmd+K): no permission of its own, each kind needs its module's view. */
export function searchRoutes(app: FastifyInstance, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/search", {
    schema: {
      tags: ["Search"],
      summary: "Find customers and contacts by name, phone, email or company, tolerating typos",
      querystring: searchQuerySchema,
      response: { 200: searchResultSchema, ...errorResponses },
    },
    handler: (req) => globalSearch(db, actorOf(req), req.query.q, req.query.limit),
  });
}
