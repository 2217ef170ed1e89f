import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import { errorResponses, idParams } from "../../platform/http.ts";
import { contactResource } from "../contacts/service.ts";
import { customerResource } from "../customers/service.ts";
import { registerMembersReference } from "./references.ts";
import { listMembers, removeMember, type Shareable, setMember } from "./service.ts";
import { shareAccess } from "./table.ts";

const memberSchema = z
  .object({
    userId: z.uuid(),
    userName: z.string(),
    access: z.enum(shareAccess).describe("read: may view; write: may view and edit"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "RecordMember" });

const memberParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });

/** Team members (团队成员) of one record type: GET, PUT and DELETE under `<path>/:id/members`. */
export function registerMemberRoutes(app: FastifyInstance, db: Database, path: string, tag: string, target: Shareable) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [tag];
  const list = async (actor: ReturnType<typeof actorOf>, id: string) => {
    const members = await listMembers(db, actor, target, id);
    return { data: members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
  };
  const response = { 200: z.object({ data: z.array(memberSchema) }), ...errorResponses };

  r.get(`${path}/:id/members`, {
    schema: { tags, params: idParams, response },
    handler: async (req) => list(actorOf(req), req.params.id),
  });

  r.put(`${path}/:id/members/:userId`, {
    schema: { tags, params: memberParams, body: z.strictObject({ access: z.enum(shareAccess) }), response },
    handler: async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => setMember(tx, actor, target, req.params.id, req.params.userId, req.body.access));
      return list(actor, req.params.id);
    },
  });

  r.delete(`${path}/:id/members/:userId`, {
    schema: { tags, params: memberParams, response },
    handler: async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => removeMember(tx, actor, target, req.params.id, req.params.userId));
      // A member who leaves a record they saw only as a member sees neither it nor its team any more.
      return list(actor, req.params.id).catch((error: unknown) => {
        if (req.params.userId === actor.userId && error instanceof AppError && error.code === "not_found")
          return { data: [] };
        throw error;
      });
    },
  });
}

/** The objects records of which are shared; later objects add themselves here, with their API path and OpenAPI tag. */
const shareable: { path: string; tag: string; target: Shareable }[] = [
  {
    path: "/api/v1/customers",
    tag: "Customers",
    target: { objectType: "customers", entityType: "customer", resource: customerResource },
  },
  {
    path: "/api/v1/contacts",
    tag: "Contacts",
    target: { objectType: "contacts", entityType: "contact", resource: contactResource },
  },
];

export function sharingRoutes(app: FastifyInstance, db: Database): void {
  for (const { path, tag, target } of shareable) {
    registerMemberRoutes(app, db, path, tag, target);
    registerMembersReference(target);
  }
}
