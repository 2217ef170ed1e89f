import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses, idParams, recordFields } from "../../platform/http.ts";
import { runIdempotent } from "../../platform/idempotency.ts";
import { idempotencyHeaders } from "../../platform/resource-routes.ts";
import { requiredLineText } from "../../platform/text.ts";
import {
  createView,
  deleteView,
  listViews,
  type SavedViewOf,
  setDefaultView,
  updateView,
  viewObjectTypes,
} from "./service.ts";

const objectType = z.enum(viewObjectTypes).describe("The list the view belongs to");
// A view's filters go into the list's URL: values as long and as many as the list's query takes
// (500 characters, 20 of one parameter), and short enough in all for a URL.
const MAX_FILTERS = 50;
const MAX_FILTER_CHARS = 4000;
const paramName = z.string().min(1).max(100);
const paramValue = z.string().max(500);
const filterChars = (filters: Record<string, string | string[]>) =>
  Object.entries(filters).reduce((sum, [name, value]) => sum + name.length + [value].flat().join("").length, 0);
const viewFields = {
  name: requiredLineText(100),
  visibility: z.enum(["private", "organization"]).describe("organization shares it (permission sharedViews: create)"),
  filters: z
    .record(paramName, z.union([paramValue, z.array(paramValue).max(20)]))
    .refine((f) => Object.keys(f).length <= MAX_FILTERS, { message: `must have at most ${MAX_FILTERS} filters` })
    .refine((f) => filterChars(f) <= MAX_FILTER_CHARS, {
      message: `must be at most ${MAX_FILTER_CHARS} characters in all`,
    })
    .describe(
      "The list's filter parameters (search q, its filters, custom.<key>[op]), checked as the list checks its " +
        "query; read back without the custom fields archived or deleted since (see stale)",
    ),
  sort: z.string().max(100).nullable().describe('e.g. "-updatedAt"; null for the list\'s default'),
  columns: z
    .array(z.string().min(1).max(100))
    .max(200)
    .describe(
      "Visible column keys in order, each once: the list's own or custom.<fieldKey> of an active field; empty for the defaults",
    ),
};

const savedViewSchema = z
  .object({
    ...recordFields,
    objectType: z.string(),
    ownerId: z.uuid(),
    ownerName: z.string().nullable(),
    ...viewFields,
    name: z.string(),
    filters: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    sort: z.string().nullable(),
    columns: z.array(z.string()),
    isDefault: z.boolean().describe("The caller opens this list with this view"),
    canEdit: z.boolean().describe("The caller may change or delete it"),
    stale: z
      .array(z.string())
      .describe(
        "Custom fields (custom.<key>) archived or deleted since the view was saved: left out of its filters, " +
          "sort and columns, so it still opens its list",
      ),
  })
  .meta({ id: "SavedView" });

const createSchema = z
  .strictObject({
    objectType,
    ...viewFields,
    visibility: viewFields.visibility.default("private"),
    filters: viewFields.filters.default({}),
    sort: viewFields.sort.default(null),
    columns: viewFields.columns.default([]),
  })
  .meta({ id: "SavedViewCreate" });
const updateSchema = z
  .strictObject({ version: z.number().int().min(1), ...viewFields })
  .partial()
  .required({ version: true })
  .meta({ id: "SavedViewUpdate" });

const toApi = (v: SavedViewOf): z.output<typeof savedViewSchema> => ({
  id: v.id,
  version: v.version,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
  objectType: v.objectType,
  ownerId: v.ownerId,
  ownerName: v.ownerName,
  name: v.name,
  visibility: v.visibility,
  filters: v.filters,
  sort: v.sort,
  columns: v.columns,
  isDefault: v.isDefault,
  canEdit: v.canEdit,
  stale: v.stale,
});

/** Saved views of record lists: the caller's own and those shared with the organization. */
export function savedViewRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Saved views"];

  r.get("/api/v1/saved-views", {
    schema: {
      tags,
      querystring: z.strictObject({ objectType }),
      response: { 200: z.object({ data: z.array(savedViewSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ data: (await listViews(db, actorOf(req), req.query.objectType)).map(toApi) }),
  });

  r.post("/api/v1/saved-views", {
    schema: {
      tags,
      headers: idempotencyHeaders,
      body: createSchema,
      response: { 201: savedViewSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { objectType: type, ...fields } = req.body;
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => ({
        statusCode: 201,
        body: toApi(await createView(tx, actor, type, fields)),
      }));
      return reply.status(result.statusCode).send(result.body as z.output<typeof savedViewSchema>);
    },
  });

  r.patch("/api/v1/saved-views/:id", {
    schema: { tags, params: idParams, body: updateSchema, response: { 200: savedViewSchema, ...errorResponses } },
    handler: async (req) => toApi(await updateView(db, actorOf(req), req.params.id, req.body)),
  });

  r.delete("/api/v1/saved-views/:id", {
    schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      await deleteView(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.put("/api/v1/saved-views/default", {
    schema: {
      tags,
      description: "Sets the view the caller opens a list with; viewId null clears it",
      body: z.strictObject({ objectType, viewId: z.uuid().nullable() }),
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await setDefaultView(db, actorOf(req), req.body.objectType, req.body.viewId);
      return reply.status(204).send(null);
    },
  });
}
