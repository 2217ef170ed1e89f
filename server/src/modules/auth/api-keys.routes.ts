import { and, desc, eq, isNull } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { invalidateActors } from "../../platform/auth/actor.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { randomToken, sha256 } from "../../platform/auth/secrets.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { notFound, validationFailed } from "../../platform/errors.ts";
import { dateTimeInput, errorResponses, idParams } from "../../platform/http.ts";
import type { Actor } from "../../platform/permissions.ts";
import { requiredLineText } from "../../platform/text.ts";
import { apiKeys } from "./table.ts";

const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });
const createdKeySchema = apiKeySchema
  .extend({ key: z.string().describe("Shown only now: store it safely") })
  .meta({ id: "CreatedApiKey" });
const createSchema = z
  .strictObject({
    name: requiredLineText(100),
    expiresAt: dateTimeInput.nullable().default(null),
  })
  .meta({ id: "ApiKeyCreate" });

type Row = typeof apiKeys.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toApi = (k: Row) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
});

/** Creates an API key acting as the actor; the plain key exists only in this answer. */
export async function createApiKey(db: Executor, actor: Actor, name: string, expiresAt: Date | null) {
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw validationFailed("expiresAt", "must be in the future");
  const key = `rk_${randomToken()}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      organizationId: actor.organizationId,
      userId: actor.userId,
      name,
      prefix: key.slice(0, 10),
      keyHash: sha256(key),
      expiresAt,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await writeAudit(db, actor, {
    entityType: "api_key",
    entityId: row.id,
    action: "create",
    changes: [{ field: "name", from: null, to: name }],
  });
  return { ...toApi(row), key };
}

/** Every user manages their own keys; admins see and revoke every key of the organization. */
function ownedBy(actor: Actor) {
  return and(
    eq(apiKeys.organizationId, actor.organizationId),
    actor.isAdmin ? undefined : eq(apiKeys.userId, actor.userId),
  );
}

export function apiKeyRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["API keys"];
  r.get("/api/v1/api-keys", {
    schema: {
      tags,
      response: { 200: z.object({ data: z.array(apiKeySchema), nextCursor: z.null() }), ...errorResponses },
    },
    handler: async (req) => {
      const rows = await db
        .select()
        .from(apiKeys)
        .where(ownedBy(actorOf(req)))
        .orderBy(desc(apiKeys.createdAt));
      return { data: rows.map(toApi), nextCursor: null };
    },
  });
  r.post("/api/v1/api-keys", {
    schema: { tags, body: createSchema, response: { 201: createdKeySchema, ...errorResponses } },
    handler: async (req, reply) => {
      const expiresAt = req.body.expiresAt ? new Date(req.body.expiresAt) : null;
      return reply.status(201).send(await createApiKey(db, actorOf(req), req.body.name, expiresAt));
    },
  });
  r.delete("/api/v1/api-keys/:id", {
    schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const revoked = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, req.params.id), ownedBy(actor), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      if (revoked.length === 0) throw notFound("API key");
      invalidateActors();
      await writeAudit(db, actor, { entityType: "api_key", entityId: req.params.id, action: "delete" });
      return reply.status(204).send(null);
    },
  });
}
