import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import { invalidateCustomFields } from "../../platform/custom-fields/index.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses, idParams, noBody } from "../../platform/http.ts";
import { runIdempotent } from "../../platform/idempotency.ts";
import { idempotencyHeaders } from "../../platform/resource-routes.ts";
import {
  type CustomFieldApi,
  customFieldCreateSchema,
  customFieldListQuery,
  customFieldSchema,
  customFieldUpdateSchema,
  reorderSchema,
} from "./schema.ts";
import {
  createCustomField,
  customFieldToApi,
  listCustomFields,
  reorderCustomFields,
  setCustomFieldState,
  updateCustomField,
  withIndexStatus,
} from "./service.ts";

const path = "/api/v1/custom-fields";
const tags = ["Custom fields"];
const one = { 200: customFieldSchema, ...errorResponses };

/**
 * Admin-defined fields of customers, contacts and every later object. Anyone signed in reads them
 * (forms and lists are built from them); only administrators change them, each change audited.
 */
export function customFieldRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const answer = async (row: Parameters<typeof withIndexStatus>[1][number]) => (await withIndexStatus(db, [row]))[0];

  r.get(path, {
    schema: {
      tags,
      querystring: customFieldListQuery,
      response: { 200: z.object({ data: z.array(customFieldSchema) }), ...errorResponses },
    },
    handler: async (req) => ({
      data: await withIndexStatus(db, await listCustomFields(db, actorOf(req), req.query)),
    }),
  });

  r.post(path, {
    schema: {
      tags,
      headers: idempotencyHeaders,
      body: customFieldCreateSchema,
      response: { 201: customFieldSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => ({
        statusCode: 201,
        // A new field's index, if any, is built by the job this transaction schedules.
        body: customFieldToApi(await createCustomField(tx, actor, req.body), "none"),
      }));
      invalidateCustomFields(actor.organizationId, req.body.objectType);
      return reply.status(result.statusCode).send(result.body as CustomFieldApi);
    },
  });

  r.patch(`${path}/:id`, {
    schema: { tags, params: idParams, body: customFieldUpdateSchema, response: one },
    handler: async (req) => answer(await updateCustomField(db, actorOf(req), req.params.id, req.body)),
  });

  r.post(`${path}/reorder`, {
    schema: { tags, body: reorderSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      await reorderCustomFields(db, actorOf(req), req.body.objectType, req.body.ids);
      return reply.status(204).send(null);
    },
  });

  r.post(`${path}/:id/archive`, {
    schema: {
      tags,
      params: idParams,
      body: noBody,
      response: one,
      description: "Hides the field from forms, lists and the API; its values stay stored",
    },
    handler: async (req) => answer(await setCustomFieldState(db, actorOf(req), req.params.id, "archived")),
  });

  r.post(`${path}/:id/restore`, {
    schema: {
      tags,
      params: idParams,
      body: noBody,
      response: one,
      description: "Shows an archived field again, with its values",
    },
    handler: async (req) => answer(await setCustomFieldState(db, actorOf(req), req.params.id, "active")),
  });

  r.delete(`${path}/:id`, {
    schema: {
      tags,
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
      description:
        "Deletes an archived field for good: a background job removes its values from every record. Its key is never reused.",
    },
    handler: async (req, reply) => {
      await setCustomFieldState(db, actorOf(req), req.params.id, "purged");
      return reply.status(204).send(null);
    },
  });
}
