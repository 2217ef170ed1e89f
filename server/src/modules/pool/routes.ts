import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import { registerCustomListPath } from "../../platform/custom-fields/registry.ts";
import { customQueryParams, withCustomFieldParams } from "../../platform/custom-fields/schema.ts";
import type { Database } from "../../platform/db/client.ts";
import { cursorParam, errorResponses, idParams, limitParam, listOf, noBody } from "../../platform/http.ts";
import { runIdempotent } from "../../platform/idempotency.ts";
import { registerListCount } from "../../platform/list-count.ts";
import { type OnProgress, replyWithProgress, wantsProgress } from "../../platform/progress-stream.ts";
import { idempotencyHeaders } from "../../platform/resource-routes.ts";
import { timelineEntrySchema, timelineOptions, timelineQuerySchema } from "../../platform/timeline.ts";
import { contactSchema } from "../contacts/schema.ts";
import { customerFiltersSchema, customerSchema } from "../customers/schema.ts";
import {
  customerFilterConditions,
  customerResource,
  customerToApi,
  requireKnownCustomerFilters,
} from "../customers/service.ts";
import { countMatching } from "./bulk.ts";
import { contactBulk, contactBulkTarget } from "./contact-bulk.ts";
import { customerBulk, customerBulkTarget } from "./customer-bulk.ts";
import { claimCustomer, releaseCustomer, stillVisible, transferCustomer } from "./ownership.ts";
import { noPoolContext, poolContexts } from "./pool-context.ts";
import { poolResource, poolSorts } from "./pool-resource.ts";
import { getPoolCustomer, poolCustomerContacts, poolCustomerTimeline } from "./preview.ts";
import {
  bulkCountSchema,
  bulkResultSchema,
  contactBulkCountSchema,
  contactBulkSchema,
  customerBulkCountSchema,
  customerBulkSchema,
  ownerChangeResultSchema,
  poolCustomerSchema,
  poolSettingsSchema,
  poolSettingsUpdateSchema,
  releaseSchema,
  transferSchema,
} from "./schema.ts";
import { getPoolSettings, updatePoolSettings } from "./settings.ts";
import "./reclaim.ts";

/** The pool list's search and filters: the customer list's, but the owner (there is none). */
const poolFilters = customerFiltersSchema.omit({ ownerId: true }).extend({
  q: z.string().trim().max(200).optional().describe("Keyword search"),
});

const tags = ["Pool"];
const sortValues = Object.keys(poolSorts).flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
const ownerChanged = { 200: ownerChangeResultSchema, ...errorResponses };
type OwnerChangeResult = z.output<typeof ownerChangeResultSchema>;

const visibleDoc =
  "Answers `visible`: whether the caller still sees the customer after the change (their data scope holds " +
  "its new owner or department, or they are on its team), asked in the same transaction. A client stays " +
  "on the customer's page when true; when false, reading the customer answers 404. A replay with the same " +
  "Idempotency-Key answers what the first request did.";

const progressDoc =
  "Progress (docs/decisions/0010-bulk-progress.md): with `Accept: application/x-ndjson` the answer is " +
  'newline-delimited JSON instead: `{"type":"progress","done":n,"total":N}` lines (about ten a second) ' +
  'from the first record done, then one `{"type":"result","count":N}` line once committed, or ' +
  '`{"type":"error","status":404,"error":{"code","message","details"}}` (nothing was changed). ' +
  "What fails before the first record is done (validation, 403, 413) is an ordinary HTTP error.";

const countDoc = (records: string) =>
  `How many ${records} a bulk action on \`filter\` would change, changing nothing: those the list shows ` +
  "that the caller may change (not those shared with them read-only). More than `limit` match: `count` " +
  "is `limit + 1`, and the bulk action would answer 413. Takes the list's view permission.";

type BulkResult = z.output<typeof bulkResultSchema>;

/** Plain JSON, or progress lines for a caller that asks for them (platform/progress-stream.ts). */
function bulkReply(
  req: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress?: OnProgress) => Promise<{ body: unknown }>,
): Promise<BulkResult | FastifyReply> {
  const body = (onProgress?: OnProgress) => run(onProgress).then((result) => result.body as BulkResult);
  return wantsProgress(req) ? replyWithProgress(req, reply, body) : body();
}

export function poolRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  registerCustomListPath("customer", "/api/v1/pool/customers");
  r.get("/api/v1/pool/customers", {
    schema: {
      tags,
      querystring: withCustomFieldParams(
        poolFilters.extend({
          sort: z.enum(sortValues).default("-ownerAssignedAt"),
          limit: limitParam,
          cursor: cursorParam,
        }),
        sortValues,
      ),
      response: { 200: listOf(poolCustomerSchema), ...errorResponses },
    },
    handler: async (req) => {
      const { q, sort, limit, cursor, ...filters } = req.query;
      const actor = actorOf(req);
      const page = await poolResource.list(db, actor, {
        q: q || undefined,
        sort,
        limit,
        cursor,
        conditions: customerFilterConditions(filters),
        custom: customQueryParams(filters),
      });
      if (page.rows.length === 0) await requireKnownCustomerFilters(db, actor, filters);
      const contexts = await poolContexts(
        db,
        actor.organizationId,
        page.rows.map((row) => row.id),
      );
      return {
        data: page.rows.map((row) => ({ ...customerToApi(row), ...(contexts.get(row.id) ?? noPoolContext) })),
        nextCursor: page.nextCursor,
      };
    },
  });

  registerListCount(app, {
    db,
    path: "/api/v1/pool/customers",
    tags,
    query: poolFilters,
    customObjectType: "customer",
    resource: poolResource,
    filterConditions: customerFilterConditions,
    checkEmptyFilters: requireKnownCustomerFilters,
  });

  // A pool customer's page, read before claiming it (preview.ts): 404 once it has an owner.
  r.get("/api/v1/pool/customers/:id", {
    schema: {
      tags,
      description: "A customer in the pool, with why it is there and whose it was. 404 when it is not in the pool.",
      params: idParams,
      response: { 200: poolCustomerSchema, ...errorResponses },
    },
    handler: async (req) => getPoolCustomer(db, actorOf(req), req.params.id),
  });

  r.get("/api/v1/pool/customers/:id/contacts", {
    schema: {
      tags,
      description: "The pool customer's contacts, by name, read only. Takes pool and contacts view.",
      params: idParams,
      querystring: z.strictObject({ limit: limitParam, cursor: cursorParam }),
      response: { 200: listOf(contactSchema), ...errorResponses },
    },
    handler: async (req) => poolCustomerContacts(db, actorOf(req), req.params.id, req.query),
  });

  r.get("/api/v1/pool/customers/:id/timeline", {
    schema: {
      tags,
      description:
        "The pool customer's timeline, as a customer's (its changes, follow-ups and contacts), read only. " +
        "Follow-ups and contacts show with the follow-ups and contacts view permission.",
      params: idParams,
      querystring: timelineQuerySchema,
      response: { 200: listOf(timelineEntrySchema), ...errorResponses },
    },
    handler: async (req) => {
      return poolCustomerTimeline(db, actorOf(req), req.params.id, timelineOptions(req.query));
    },
  });

  r.post("/api/v1/pool/customers/:id/claim", {
    schema: {
      tags,
      params: idParams,
      headers: idempotencyHeaders,
      body: noBody,
      response: { 200: customerSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => {
        await claimCustomer(tx, actor, req.params.id);
        return { statusCode: 200, body: customerToApi(await customerResource.get(tx, actor, req.params.id)) };
      });
      return result.body as z.output<typeof customerSchema>;
    },
  });

  r.post("/api/v1/customers/:id/release", {
    schema: {
      tags,
      description:
        "Returns the customer to the public pool, with a reason. Its owner may; anyone else needs the transfer " +
        `permission. ${visibleDoc}`,
      params: idParams,
      headers: idempotencyHeaders,
      body: releaseSchema,
      response: ownerChanged,
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => {
        await releaseCustomer(tx, actor, req.params.id, req.body);
        return { statusCode: 200, body: { visible: await stillVisible(tx, actor, req.params.id) } };
      });
      return result.body as OwnerChangeResult;
    },
  });

  r.post("/api/v1/customers/:id/transfer", {
    schema: {
      tags,
      description: `Gives the customer to another active user, with a reason; needs the transfer permission. ${visibleDoc}`,
      params: idParams,
      headers: idempotencyHeaders,
      body: transferSchema,
      response: ownerChanged,
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const result = await runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => {
        await transferCustomer(tx, actor, req.params.id, req.body);
        return { statusCode: 200, body: { visible: await stillVisible(tx, actor, req.params.id) } };
      });
      return result.body as OwnerChangeResult;
    },
  });

  r.post("/api/v1/customers/bulk", {
    schema: {
      tags: ["Customers"],
      description: `Tag, untag, transfer, release or delete many customers: all or nothing, at most 1000. ${progressDoc}`,
      headers: idempotencyHeaders,
      body: customerBulkSchema,
      response: { 200: bulkResultSchema, 413: errorResponses[400], ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      return bulkReply(req, reply, (onProgress) =>
        runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => ({
          statusCode: 200,
          body: { count: await customerBulk(tx, actor, req.body, onProgress) },
        })),
      );
    },
  });

  r.post("/api/v1/contacts/bulk", {
    schema: {
      tags: ["Contacts"],
      description: `Move many contacts to the trash: all or nothing, at most 1000. ${progressDoc}`,
      headers: idempotencyHeaders,
      body: contactBulkSchema,
      response: { 200: bulkResultSchema, 413: errorResponses[400], ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      return bulkReply(req, reply, (onProgress) =>
        runIdempotent(db, actor, req.headers["idempotency-key"], req, async (tx) => ({
          statusCode: 200,
          body: { count: await contactBulk(tx, actor, req.body, onProgress) },
        })),
      );
    },
  });

  r.post("/api/v1/customers/bulk/count", {
    schema: {
      tags: ["Customers"],
      description: countDoc("customers"),
      body: customerBulkCountSchema,
      response: { 200: bulkCountSchema, ...errorResponses },
    },
    handler: async (req) => countMatching(db, actorOf(req), customerBulkTarget, req.body.filter),
  });

  r.post("/api/v1/contacts/bulk/count", {
    schema: {
      tags: ["Contacts"],
      description: countDoc("contacts"),
      body: contactBulkCountSchema,
      response: { 200: bulkCountSchema, ...errorResponses },
    },
    handler: async (req) => countMatching(db, actorOf(req), contactBulkTarget, req.body.filter),
  });

  r.get("/api/v1/pool/settings", {
    schema: { tags, response: { 200: poolSettingsSchema, ...errorResponses } },
    handler: async (req) => getPoolSettings(db, actorOf(req)),
  });

  r.put("/api/v1/pool/settings", {
    schema: { tags, body: poolSettingsUpdateSchema, response: { 200: poolSettingsSchema, ...errorResponses } },
    handler: async (req) => updatePoolSettings(db, actorOf(req), req.body),
  });
}
