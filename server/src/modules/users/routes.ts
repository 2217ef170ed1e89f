import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses, idParams } from "../../platform/http.ts";
import { userCreateSchema, userSchema, userUpdateSchema } from "./schema.ts";
import { createUser, getUser, listUsers, updateUser } from "./service.ts";

export function userRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Users"];
  r.get("/api/v1/users", {
    schema: {
      tags,
      response: { 200: z.object({ data: z.array(userSchema), nextCursor: z.null() }), ...errorResponses },
    },
    handler: async (req) => ({ data: await listUsers(db, actorOf(req)), nextCursor: null }),
  });
  r.post("/api/v1/users", {
    schema: { tags, body: userCreateSchema, response: { 201: userSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await createUser(db, actorOf(req), req.body)),
  });
  r.get("/api/v1/users/:id", {
    schema: { tags, params: idParams, response: { 200: userSchema, ...errorResponses } },
    handler: async (req) => getUser(db, actorOf(req), req.params.id),
  });
  r.patch("/api/v1/users/:id", {
    schema: { tags, params: idParams, body: userUpdateSchema, response: { 200: userSchema, ...errorResponses } },
    handler: async (req) => updateUser(db, actorOf(req), req.params.id, req.body),
  });
}
