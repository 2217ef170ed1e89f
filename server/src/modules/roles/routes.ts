import { and, asc, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import { invalidateActors } from "../../platform/auth/actor.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { errorResponses, idParams, recordFields } from "../../platform/http.ts";
import {
  type Actor,
  allActions,
  modulePermissionSchema,
  type Permissions,
  permissionModules,
} from "../../platform/permissions.ts";
import { requiredLineText } from "../../platform/text.ts";
import { requireAdmin } from "../users/service.ts";
import { roles } from "./table.ts";

/** Permissions keyed by known modules only, each granting only that module's actions. */
const permissionsSchema = z.record(z.string(), modulePermissionSchema).superRefine((value, ctx) => {
  for (const [module, p] of Object.entries(value)) {
    const known = permissionModules.find((m) => m.key === module);
    if (!known) ctx.addIssue({ code: "custom", path: [module], message: "is not a module" });
    else if (p.actions.some((a) => !known.actions.includes(a))) {
      ctx.addIssue({ code: "custom", path: [module, "actions"], message: `allowed: ${known.actions.join(", ")}` });
    }
  }
});

const roleSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    description: z.string().nullable(),
    permissions: z.record(z.string(), modulePermissionSchema),
  })
  .meta({ id: "Role" });
const roleInput = {
  name: requiredLineText(100),
  description: z.string().trim().max(1000).nullable(),
  permissions: permissionsSchema,
};
const createSchema = z
  .strictObject({ ...roleInput, description: roleInput.description.default(null) })
  .meta({ id: "RoleCreate" });
const updateSchema = z
  .strictObject({ version: z.number().int().min(1), ...roleInput })
  .partial()
  .required({ version: true })
  .meta({ id: "RoleUpdate" });

type Row = typeof roles.$inferSelect;
const toApi = (r: Row) => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  name: r.name,
  description: r.description,
  permissions: r.permissions,
});
const audited = ["name", "description", "permissions"] as const;

async function find(db: Executor, actor: Actor, id: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.id, id), eq(roles.organizationId, actor.organizationId)));
  if (!row) throw notFound("Role");
  return row;
}

export function roleRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Roles"];
  r.get("/api/v1/meta/modules", {
    schema: {
      tags,
      response: {
        200: z.object({
          data: z.array(
            z.object({
              key: z.string(),
              actions: z.array(z.enum(allActions)),
              scoped: z.boolean().describe("Whether a role's data scope limits the records of this module"),
            }),
          ),
        }),
      },
    },
    handler: async () => ({
      data: permissionModules.map((m) => ({ key: m.key, actions: [...m.actions], scoped: m.scoped })),
    }),
  });

  r.get("/api/v1/roles", {
    schema: {
      tags,
      response: { 200: z.object({ data: z.array(roleSchema), nextCursor: z.null() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      const rows = await db
        .select()
        .from(roles)
        .where(eq(roles.organizationId, actor.organizationId))
        .orderBy(asc(roles.name));
      return { data: rows.map(toApi), nextCursor: null };
    },
  });

  r.post("/api/v1/roles", {
    schema: { tags, body: createSchema, response: { 201: roleSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(roles)
          .values({
            ...req.body,
            permissions: req.body.permissions as Permissions,
            organizationId: actor.organizationId,
          })
          .returning();
        if (!inserted) throw new Error("insert returned no row");
        await writeAudit(tx, actor, {
          entityType: "role",
          entityId: inserted.id,
          action: "create",
          changes: diffRecords(null, inserted, audited),
        });
        return inserted;
      });
      return reply.status(201).send(toApi(row));
    },
  });

  r.patch("/api/v1/roles/:id", {
    schema: { tags, params: idParams, body: updateSchema, response: { 200: roleSchema, ...errorResponses } },
    handler: async (req) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      const { version, ...fields } = req.body;
      const row = await db.transaction(async (tx) => {
        const current = await find(tx, actor, req.params.id);
        const [updated] = await tx
          .update(roles)
          .set({ ...fields, version: sql`${roles.version} + 1`, updatedAt: new Date() })
          .where(and(eq(roles.id, current.id), eq(roles.version, version)))
          .returning();
        if (!updated) {
          throw new AppError("version_conflict", "Role was changed by someone else", [
            { path: "version", message: `current is ${current.version}` },
          ]);
        }
        await writeAudit(tx, actor, {
          entityType: "role",
          entityId: current.id,
          action: "update",
          changes: diffRecords(current, updated, audited),
        });
        return updated;
      });
      invalidateActors();
      return toApi(row);
    },
  });

  r.delete("/api/v1/roles/:id", {
    schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const current = await find(tx, actor, req.params.id);
        await tx.delete(roles).where(eq(roles.id, current.id));
        await writeAudit(tx, actor, { entityType: "role", entityId: current.id, action: "purge" });
      });
      invalidateActors();
      return reply.status(204).send(null);
    },
  });
}
