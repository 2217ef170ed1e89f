import { and, asc, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { AppError, invalidReference, notFound } from "../../platform/errors.ts";
import { errorResponses, idParams, recordFields } from "../../platform/http.ts";
import { requireInOrganization, wouldCycle } from "../../platform/org-checks.ts";
import type { Actor } from "../../platform/permissions.ts";
import { requiredLineText } from "../../platform/text.ts";
import { requireAdmin } from "../users/service.ts";
import { users } from "../users/table.ts";
import { departments } from "./table.ts";

const departmentSchema = z
  .object({ ...recordFields, name: z.string(), parentId: z.uuid().nullable(), managerId: z.uuid().nullable() })
  .meta({ id: "Department" });
const departmentInput = {
  name: requiredLineText(100),
  parentId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
};
const createSchema = z
  .strictObject({
    ...departmentInput,
    parentId: departmentInput.parentId.default(null),
    managerId: departmentInput.managerId.default(null),
  })
  .meta({ id: "DepartmentCreate" });
const updateSchema = z
  .strictObject({ version: z.number().int().min(1), ...departmentInput })
  .partial()
  .required({ version: true })
  .meta({ id: "DepartmentUpdate" });

type Row = typeof departments.$inferSelect;
const toApi = (d: Row) => ({
  id: d.id,
  version: d.version,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  name: d.name,
  parentId: d.parentId,
  managerId: d.managerId,
});
const audited = ["name", "parentId", "managerId"] as const;

async function find(db: Executor, actor: Actor, id: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.organizationId, actor.organizationId)));
  if (!row) throw notFound("Department");
  return row;
}

async function checkReferences(
  tx: Executor,
  actor: Actor,
  input: { parentId?: string | null; managerId?: string | null },
  selfId: string | null,
) {
  await requireInOrganization(tx, departments, actor.organizationId, [input.parentId], "parentId");
  await requireInOrganization(tx, users, actor.organizationId, [input.managerId], "managerId");
  if (selfId && input.parentId) {
    const parentOf = async (id: string) =>
      (await tx.select({ p: departments.parentId }).from(departments).where(eq(departments.id, id)))[0]?.p ?? null;
    if (await wouldCycle(selfId, input.parentId, parentOf)) {
      throw invalidReference("parentId", "would put the department inside itself");
    }
  }
}

export function departmentRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Departments"];
  r.get("/api/v1/departments", {
    schema: {
      tags,
      response: { 200: z.object({ data: z.array(departmentSchema), nextCursor: z.null() }), ...errorResponses },
    },
    handler: async (req) => {
      const rows = await db
        .select()
        .from(departments)
        .where(eq(departments.organizationId, actorOf(req).organizationId))
        .orderBy(asc(departments.name));
      return { data: rows.map(toApi), nextCursor: null };
    },
  });

  r.post("/api/v1/departments", {
    schema: { tags, body: createSchema, response: { 201: departmentSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      const row = await db.transaction(async (tx) => {
        await checkReferences(tx, actor, req.body, null);
        const [inserted] = await tx
          .insert(departments)
          .values({ ...req.body, organizationId: actor.organizationId })
          .returning();
        if (!inserted) throw new Error("insert returned no row");
        await writeAudit(tx, actor, {
          entityType: "department",
          entityId: inserted.id,
          action: "create",
          changes: diffRecords(null, inserted, audited),
        });
        return inserted;
      });
      return reply.status(201).send(toApi(row));
    },
  });

  r.patch("/api/v1/departments/:id", {
    schema: { tags, params: idParams, body: updateSchema, response: { 200: departmentSchema, ...errorResponses } },
    handler: async (req) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      const { version, ...fields } = req.body;
      return toApi(
        await db.transaction(async (tx) => {
          const current = await find(tx, actor, req.params.id);
          if (current.version !== version) {
            throw new AppError("version_conflict", "Department was changed by someone else", [
              { path: "version", message: `current is ${current.version}` },
            ]);
          }
          await checkReferences(tx, actor, fields, current.id);
          const [updated] = await tx
            .update(departments)
            .set({ ...fields, version: sql`${departments.version} + 1`, updatedAt: new Date() })
            .where(and(eq(departments.id, current.id), eq(departments.version, version)))
            .returning();
          if (!updated) throw new AppError("version_conflict", "Department was changed by someone else");
          await writeAudit(tx, actor, {
            entityType: "department",
            entityId: current.id,
            action: "update",
            changes: diffRecords(current, updated, audited),
          });
          return updated;
        }),
      );
    },
  });

  r.delete("/api/v1/departments/:id", {
    schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const current = await find(tx, actor, req.params.id);
        const children = await tx
          .select({ id: departments.id })
          .from(departments)
          .where(eq(departments.parentId, current.id))
          .limit(1);
        const members = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.departmentId, current.id))
          .limit(1);
        if (children.length > 0 || members.length > 0) {
          throw new AppError("conflict", "Move the department's sub-departments and users elsewhere first");
        }
        await tx.delete(departments).where(eq(departments.id, current.id));
        await writeAudit(tx, actor, { entityType: "department", entityId: current.id, action: "purge" });
      });
      return reply.status(204).send(null);
    },
  });
}
