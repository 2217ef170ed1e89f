import type { SQL } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorOf } from "./auth/plugin.ts";
import { loadCustomFields } from "./custom-fields/index.ts";
import { registerCustomListPath } from "./custom-fields/registry.ts";
import { customQueryParams, withCustomFieldParams } from "./custom-fields/schema.ts";
import type { Database, Executor } from "./db/client.ts";
import { cursorParam, errorResponses, idParams, limitParam, listOf } from "./http.ts";
import { runIdempotent } from "./idempotency.ts";
import { registerListCount } from "./list-count.ts";
import { type FilterCheck, filterCheck } from "./list-filters.ts";
import type { Actor } from "./permissions.ts";
import type { BaseRow, defineResource } from "./resource.ts";

type Resource<Row extends BaseRow, Create, Update extends { version: number }> = ReturnType<
  typeof defineResource<Row, Create, Update>
>;

export const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe("Makes a retried POST safe: the same key and body answer the first result again"),
});

const auditEntrySchema = z
  .object({
    id: z.uuid(),
    action: z.enum(["create", "update", "delete", "restore", "purge", "merge"]),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    at: z.iso.datetime(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  })
  .meta({ id: "AuditEntry" });

/** Restoring takes the version the caller saw, optionally, as an update does: a stale one is a 409. */
const restoreBody = z
  .strictObject({ version: z.number().int().min(1).optional().describe("The version the caller saw") })
  .nullish()
  .describe("No body, or the version the caller saw");

/** Each record list's own sort fields, custom-field object type and filter check, by its path. */
const listSorts = new Map<string, { sorts: readonly string[]; customObjectType?: string; checkFilters: FilterCheck }>();

/**
 * The fields a record list sorts by: its own, then its active custom fields as custom.<key> (a
 * leading - sorts descending); undefined when no list has that path. For what names a list's sort
 * outside its query, such as a saved view.
 */
export async function listSortFields(db: Executor, actor: Actor, path: string): Promise<string[] | undefined> {
  const list = listSorts.get(path);
  if (!list) return undefined;
  const fields = list.customObjectType ? await loadCustomFields(db, actor.organizationId, list.customObjectType) : [];
  const custom = fields.filter((f) => f.state === "active" && f.type !== "multiChoice").map((f) => `custom.${f.key}`);
  return [...list.sorts, ...custom];
}

/**
 * What a record list says of these filters (its query parameters but sort and paging), checked by
 * the list's own rules: the problems by parameter, none when it takes them; undefined when no list
 * has that path. For filters kept outside the list's query, such as a saved view's.
 */
export async function listFilterProblems(db: Executor, actor: Actor, path: string, filters: Record<string, unknown>) {
  return listSorts.get(path)?.checkFilters(db, actor, filters);
}

/**
 * The REST routes every record type gets: list (filters, sort, search, keyset paging) and its count,
 * create (idempotent), get, update (versioned), trash, restore, purge and audit history.
 */
export function registerResourceRoutes<
  Row extends BaseRow,
  Create,
  Update extends { version: number },
  RecordSchema extends z.ZodType,
  CreateSchema extends z.ZodType<Create>,
  UpdateSchema extends z.ZodType<Update>,
  Filters extends z.ZodObject,
>(
  app: FastifyInstance,
  opts: {
    db: Database;
    path: string;
    tag: string;
    resource: Resource<Row, Create, Update>;
    schemas: { record: RecordSchema; create: CreateSchema; update: UpdateSchema; filters: Filters };
    sorts: readonly [string, ...string[]];
    defaultSort: string;
    filterConditions: (filters: z.output<Filters>) => (SQL | undefined)[];
    /**
     * Checks the filters against the database (option-list keys) when a page comes back empty: a
     * filter naming a key that never existed is then a 400. Only then, so a list costs no query more.
     */
    checkEmptyFilters?: (db: Executor, actor: Actor, filters: z.output<Filters>) => Promise<void>;
    toApi: (row: Row) => z.output<RecordSchema>;
  },
): void {
  const { db, resource, schemas, toApi } = opts;
  // Generic over the record's schemas, so request types are narrowed here by hand; the route
  // schemas below still validate every request and document it in OpenAPI.
  const r = app;
  type ListQuery = { q?: string; sort: string; limit: number; cursor?: string; deleted?: boolean };
  type Id = { id: string };
  const tags = [opts.tag];
  const sortValues = opts.sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  const q = z.string().trim().max(200).optional().describe("Keyword search");
  const deleted = z.stringbool().optional().describe("true lists the trash");
  const baseQuery = schemas.filters.extend({
    q,
    sort: z.enum(sortValues).default(opts.defaultSort),
    limit: limitParam,
    cursor: cursorParam,
    deleted,
  });
  const listQuery = resource.customObjectType ? withCustomFieldParams(baseQuery, sortValues) : baseQuery;
  if (resource.customObjectType) registerCustomListPath(resource.customObjectType, opts.path);
  listSorts.set(opts.path, {
    sorts: opts.sorts,
    customObjectType: resource.customObjectType,
    checkFilters: filterCheck({ ...opts, query: listQuery, customObjectType: resource.customObjectType }),
  });

  r.get(opts.path, {
    schema: { tags, querystring: listQuery, response: { 200: listOf(schemas.record), ...errorResponses } },
    handler: async (req) => {
      const { q, sort, limit, cursor, deleted, ...filters } = req.query as ListQuery;
      const actor = actorOf(req);
      const page = await resource.list(db, actor, {
        q: q || undefined,
        sort,
        limit,
        cursor,
        deleted,
        conditions: opts.filterConditions(filters as z.output<Filters>),
        custom: customQueryParams(filters),
      });
      if (page.rows.length === 0) await opts.checkEmptyFilters?.(db, actor, filters as z.output<Filters>);
      return { data: page.rows.map(toApi), nextCursor: page.nextCursor };
    },
  });

  registerListCount(app, {
    db,
    path: opts.path,
    tags,
    query: schemas.filters.extend({ q, deleted }),
    customObjectType: resource.customObjectType,
    resource,
    filterConditions: opts.filterConditions,
    checkEmptyFilters: opts.checkEmptyFilters,
  });

  r.post(opts.path, {
    schema: {
      tags,
      headers: idempotencyHeaders,
      body: schemas.create,
      response: { 201: schemas.record, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const key = req.headers["idempotency-key"] as string | undefined;
      const result = await runIdempotent(db, actor, key, req, async (tx) => ({
        statusCode: 201,
        body: toApi(await resource.create(tx, actor, req.body as Create)),
      }));
      return reply.status(result.statusCode).send(result.body);
    },
  });

  r.get(`${opts.path}/:id`, {
    schema: { tags, params: idParams, response: { 200: schemas.record, ...errorResponses } },
    handler: async (req) => {
      const row = await resource.get(db, actorOf(req), (req.params as Id).id);
      // toApi builds the record's fields; whether the caller may change it is the platform's.
      return { ...(toApi(row) as Record<string, unknown>), access: row.access };
    },
  });

  r.patch(`${opts.path}/:id`, {
    schema: { tags, params: idParams, body: schemas.update, response: { 200: schemas.record, ...errorResponses } },
    handler: async (req) => toApi(await resource.update(db, actorOf(req), (req.params as Id).id, req.body as Update)),
  });

  r.delete(`${opts.path}/:id`, {
    schema: {
      tags,
      params: idParams,
      querystring: z.strictObject({
        purge: z.stringbool().optional().describe("true deletes for good a record already in the trash"),
      }),
      response: { 204: z.null().describe("Moved to the trash, or purged"), ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const { id } = req.params as Id;
      if ((req.query as { purge?: boolean }).purge) await resource.purge(db, actor, id);
      else await resource.trash(db, actor, id);
      return reply.status(204).send(null);
    },
  });

  r.post(`${opts.path}/:id/restore`, {
    schema: { tags, params: idParams, body: restoreBody, response: { 200: schemas.record, ...errorResponses } },
    handler: async (req) => {
      const version = (req.body as z.output<typeof restoreBody>)?.version;
      return toApi(await resource.restore(db, actorOf(req), (req.params as Id).id, version));
    },
  });

  r.get(`${opts.path}/:id/audit`, {
    schema: {
      tags,
      params: idParams,
      querystring: z.strictObject({ limit: limitParam, cursor: cursorParam }),
      response: { 200: listOf(auditEntrySchema), ...errorResponses },
    },
    handler: async (req) => {
      const query = req.query as { limit: number; cursor?: string };
      const page = await resource.history(db, actorOf(req), (req.params as Id).id, query);
      return {
        data: page.entries.map((e) => ({
          ...e,
          action: e.action as z.output<typeof auditEntrySchema>["action"],
          at: e.at.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  });
}
