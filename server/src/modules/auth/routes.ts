import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, SESSION_COOKIE } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import { errorResponses, noBody } from "../../platform/http.ts";
import { loginSchema, sessionSchema } from "./schema.ts";
import { checkCredentials, endSession, type SessionOptions, sessionBody, startSession } from "./service.ts";

export function authRoutes(app: FastifyInstance, db: Database, opts: SessionOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Auth"];

  r.post("/api/v1/auth/login", {
    config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
    schema: { tags, body: loginSchema, response: { 200: sessionSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const userId = await checkCredentials(db, req.body.email, req.body.password, req.ip);
      return startSession(db, reply, userId, opts);
    },
  });

  r.post("/api/v1/auth/logout", {
    config: { public: true },
    schema: { tags, body: noBody, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      if (req.credential?.csrfToken) await endSession(db, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  });

  r.get("/api/v1/auth/session", {
    schema: { tags, response: { 200: sessionSchema, ...errorResponses } },
    handler: async (req) => {
      const credential = req.credential;
      if (!credential?.csrfToken) throw new AppError("unauthorized", "No cookie session");
      return sessionBody(db, actorOf(req), credential.csrfToken);
    },
  });
}
