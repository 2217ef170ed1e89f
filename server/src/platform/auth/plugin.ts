import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "../permissions.ts";
import { actorFromApiKey, actorFromSession, type ResolvedCredential } from "./actor.ts";

export const SESSION_COOKIE = "rapport_session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyRequest {
    credential: ResolvedCredential | null;
  }
  interface FastifyContextConfig {
    /** Route answers without a signed-in caller (setup, sign-in, health). */
    public?: boolean;
  }
}

/** The signed-in caller; every non-public route has one, or has already answered 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.credential) throw new AppError("unauthorized", "Sign in first");
  return request.credential.actor;
}

async function resolve(db: Database, request: FastifyRequest): Promise<ResolvedCredential | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError("unauthorized", "Authorization must be 'Bearer <api key>'");
    const resolved = await actorFromApiKey(db, match[1]);
    if (!resolved) throw new AppError("unauthorized", "API key is not valid, expired or revoked");
    return resolved;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const resolved = await actorFromSession(db, token);
  // A cookie-authenticated change must carry the session's CSRF token: another site cannot read it.
  if (resolved && UNSAFE.has(request.method) && request.headers["x-csrf-token"] !== resolved.csrfToken) {
    throw new AppError("csrf_failed", "Missing or wrong X-CSRF-Token header", [
      { path: "x-csrf-token", message: "must be the token the session answered with" },
    ]);
  }
  return resolved;
}

/** Authenticates every /api request by session cookie or API key, before its body is read. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Database }) => {
  app.decorateRequest("credential", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/v1/")) return;
    const isPublic = request.routeOptions.config?.public === true;
    request.credential = await resolve(opts.db, request).catch((error: unknown) => {
      if (isPublic && error instanceof AppError && error.code !== "csrf_failed") return null;
      throw error;
    });
    if (!isPublic && !request.credential) throw new AppError("unauthorized", "Sign in first");
  });
});
