import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { cursorParam, errorResponses, idParams, limitParam, listOf } from "../../platform/http.ts";
import { runIdempotent } from "../../platform/idempotency.ts";
import { idempotencyHeaders } from "../../platform/resource-routes.ts";
import { checkDraft } from "./check.ts";
import { dismissGroup, restoreDismissals } from "./dismissals.ts";
import { listGroups } from "./finder.ts";
import { mergeRecords } from "./merge.ts";
import { type DuplicateRule, listRules, updateRule } from "./rules.ts";
import {
  dismissalCreateSchema,
  dismissalRestoreSchema,
  dismissalSchema,
  duplicateCheckSchema,
  duplicateGroupSchema,
  duplicateMatchSchema,
  duplicateRuleSchema,
  duplicateRuleUpdateSchema,
  mergeResultSchema,
  mergeSchema,
} from "./schema.ts";

const tags = ["Duplicates"];

const ruleToApi = (r: DuplicateRule) =>
  ({
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    objectType: r.objectType,
    field: r.field,
    match: r.match,
    active: r.active,
  }) as z.output<typeof duplicateRuleSchema>;

/** Duplicate check (查重): rules, the check of a draft, the finder and merge. */
export function duplicateRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/api/v1/duplicate-rules", {
    schema: {
      tags,
      description: "The organization's duplicate rules; any active rule that matches makes a likely duplicate",
      querystring: z.strictObject({ objectType: z.string().max(50).optional() }),
      response: { 200: z.object({ data: z.array(duplicateRuleSchema) }), ...errorResponses },
    },
    handler: async (req) => {
      const rules = await listRules(db, actorOf(req).organizationId, req.query.objectType);
      return { data: rules.map(ruleToApi) };
    },
  });

  r.patch("/api/v1/duplicate-rules/:id", {
    schema: {
      tags,
      description: "Switches a rule on or off or changes its match (administrators)",
      params: idParams,
      body: duplicateRuleUpdateSchema,
      response: { 200: duplicateRuleSchema, ...errorResponses },
    },
    handler: async (req) => ruleToApi(await updateRule(db, actorOf(req), req.params.id, req.body)),
  });

  r.post("/api/v1/duplicates/check", {
    schema: {
      tags,
      description:
        "The likely duplicates of a draft record by the active rules. Matches outside your data scope give only their owner's name.",
      body: duplicateCheckSchema,
      response: { 200: z.object({ matches: z.array(duplicateMatchSchema) }), ...errorResponses },
    },
    handler: async (req) => ({
      matches: await checkDraft(db, actorOf(req), req.body.objectType, req.body.record, req.body.excludeId),
    }),
  });

  r.get("/api/v1/duplicates/groups", {
    schema: {
      tags,
      description:
        "The duplicate finder: groups of records you may see that share keys of active rules. Records sharing several keys (a name and a phone) are one group listing every key in `matches`; keys shared by different sets of records are different groups. Ordered and paged by each group's first match.",
      querystring: z.strictObject({
        objectType: z.string().max(50),
        dismissed: z
          .stringbool()
          .optional()
          .describe("true lists the groups dismissed as not duplicates instead, to take a dismissal back"),
        limit: limitParam,
        cursor: cursorParam,
      }),
      response: { 200: listOf(duplicateGroupSchema), ...errorResponses },
    },
    handler: async (req) => {
      const { objectType, ...page } = req.query;
      return listGroups(db, actorOf(req), objectType, page);
    },
  });

  const objectTypeParams = z.strictObject({ objectType: z.string().max(50) });

  r.post("/api/v1/duplicates/:objectType/dismissals", {
    schema: {
      tags,
      description:
        "Not duplicates (不是重复): dismisses each of a group's matches for its records, all in one transaction; the finder stops listing the group until a record joins it. Dismissing it again changes nothing. Answers each key's dismissal, in (field, key) order.",
      params: objectTypeParams,
      body: dismissalCreateSchema,
      response: { 201: z.object({ data: z.array(dismissalSchema) }), ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send({ data: await dismissGroup(db, actorOf(req), req.params.objectType, req.body) }),
  });

  const restoreDescription =
    "Takes leave to edit one of each dismissal's records (403 when the caller may only view them); a dismissal the caller cannot see is not found (404).";

  r.post("/api/v1/duplicates/:objectType/dismissals/restore", {
    schema: {
      tags,
      description: `Takes a dismissed group's dismissals (its dismissal.ids) back, all or none, in one transaction: the finder lists the group again. ${restoreDescription}`,
      params: objectTypeParams,
      body: dismissalRestoreSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await restoreDismissals(db, actorOf(req), req.params.objectType, req.body.ids);
      return reply.status(204).send(null);
    },
  });

  r.delete("/api/v1/duplicates/:objectType/dismissals/:id", {
    schema: {
      tags,
      description: `Takes one dismissal back: the finder lists its key again. ${restoreDescription}`,
      params: objectTypeParams.extend({ id: z.uuid() }),
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await restoreDismissals(db, actorOf(req), req.params.objectType, [req.params.id]);
      return reply.status(204).send(null);
    },
  });

  r.post("/api/v1/duplicates/merge", {
    schema: {
      tags,
      description:
        "Merges records into a survivor in one transaction: picked values, related records moved, the others to the trash",
      headers: idempotencyHeaders,
      body: mergeSchema,
      response: { 200: mergeResultSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => ({
        statusCode: 200,
        body: await mergeRecords(tx, actor, req.body),
      }));
      return reply.status(result.statusCode).send(result.body as z.output<typeof mergeResultSchema>);
    },
  });
}
