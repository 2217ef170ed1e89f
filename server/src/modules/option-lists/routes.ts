import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses, recordFields } from "../../platform/http.ts";
import { runIdempotent } from "../../platform/idempotency.ts";
import { idempotencyHeaders } from "../../platform/resource-routes.ts";
import { requiredLineText } from "../../platform/text.ts";
import { listKeyPattern, optionKeySchema, seededLists } from "./lists.ts";
import {
  addOptionValue,
  changeOptionValue,
  listOptionValues,
  type OptionValueRow,
  reorderOptionValues,
  requireKnownList,
} from "./service.ts";

const label = requiredLineText(100);
const color = z
  .string()
  .trim()
  .regex(/^(#[0-9a-fA-F]{6}|[a-z]{3,20})$/, "must be a colour name such as blue, or #rrggbb")
  .nullable();

const optionValueSchema = z
  .object({
    ...recordFields,
    listKey: z.string(),
    key: z.string().describe("What records store"),
    labelZh: z.string(),
    labelEn: z.string(),
    color: z.string().nullable(),
    position: z.number().int(),
    archived: z.boolean().describe("Archived values stay readable on records but are not offered for new input"),
  })
  .meta({ id: "OptionValue" });

const optionListSchema = z.object({ key: z.string(), values: z.array(optionValueSchema) }).meta({ id: "OptionList" });

const createSchema = z
  .strictObject({
    key: optionKeySchema
      .optional()
      .describe("What records store; made from the English label when absent. Never changes."),
    labelZh: label,
    labelEn: label,
    color: color.optional(),
  })
  .meta({ id: "OptionValueCreate" });

const updateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    labelZh: label.optional(),
    labelEn: label.optional(),
    color: color.optional(),
    archived: z.boolean().optional(),
  })
  .meta({ id: "OptionValueUpdate" });

const listParams = z.strictObject({
  listKey: z.string().max(100).regex(listKeyPattern).describe('e.g. "customer.industry"'),
});
const valueParams = listParams.extend({ id: z.uuid() });

const toApi = (row: OptionValueRow): z.output<typeof optionValueSchema> => ({
  id: row.id,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  listKey: row.listKey,
  key: row.key,
  labelZh: row.labelZh,
  labelEn: row.labelEn,
  color: row.color,
  position: row.position,
  archived: row.archivedAt !== null,
});

/** Option lists: any signed-in user reads them; administrators (module "settings") change them. */
export function optionListRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Option lists"];

  r.get("/api/v1/option-lists", {
    schema: {
      tags,
      description: "Every option list of the organization with all its values, archived ones included",
      response: { 200: z.object({ data: z.array(optionListSchema) }), ...errorResponses },
    },
    handler: async (req) => {
      const rows = await listOptionValues(db, actorOf(req).organizationId);
      const lists = new Map<string, OptionValueRow[]>(seededLists().map((l) => [l.key, []]));
      for (const row of rows) lists.set(row.listKey, [...(lists.get(row.listKey) ?? []), row]);
      return { data: [...lists].map(([key, values]) => ({ key, values: values.map(toApi) })) };
    },
  });

  r.get("/api/v1/option-lists/:listKey", {
    schema: { tags, params: listParams, response: { 200: optionListSchema, ...errorResponses } },
    handler: async (req) => {
      requireKnownList(req.params.listKey);
      const rows = await listOptionValues(db, actorOf(req).organizationId, [req.params.listKey]);
      return { key: req.params.listKey, values: rows.map(toApi) };
    },
  });

  r.post("/api/v1/option-lists/:listKey/values", {
    schema: {
      tags,
      params: listParams,
      headers: idempotencyHeaders,
      body: createSchema,
      response: { 201: optionValueSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => ({
        statusCode: 201,
        body: toApi(await addOptionValue(tx, actor, req.params.listKey, req.body)),
      }));
      return reply.status(result.statusCode).send(result.body as z.output<typeof optionValueSchema>);
    },
  });

  r.patch("/api/v1/option-lists/:listKey/values/:id", {
    schema: { tags, params: valueParams, body: updateSchema, response: { 200: optionValueSchema, ...errorResponses } },
    handler: async (req) =>
      toApi(await changeOptionValue(db, actorOf(req), req.params.listKey, req.params.id, req.body)),
  });

  r.put("/api/v1/option-lists/:listKey/order", {
    schema: {
      tags,
      params: listParams,
      body: z.strictObject({ ids: z.array(z.uuid()).max(1000).describe("Every value of the list, in the new order") }),
      response: { 200: optionListSchema, ...errorResponses },
    },
    handler: async (req) => {
      const rows = await reorderOptionValues(db, actorOf(req), req.params.listKey, req.body.ids);
      return { key: req.params.listKey, values: rows.map(toApi) };
    },
  });
}
