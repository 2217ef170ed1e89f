import type { SQL } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorOf } from "./auth/plugin.ts";
import { registerCustomListPath } from "./custom-fields/registry.ts";
import { customQueryParams, withCustomFieldFilters } from "./custom-fields/schema.ts";
import type { Database, Executor } from "./db/client.ts";
import { errorResponses } from "./http.ts";
import type { Actor } from "./permissions.ts";
import type { MatchParams } from "./resource.ts";

/**
 * The most rows a list's count counts: beyond it the answer is "10,000+". Reading 10,001 ids of an
 * index stays cheap on any table; an exact count of millions would not.
 */
export const LIST_COUNT_CAP = 10_000;

export const listCountSchema = z
  .object({
    data: z.object({
      count: z.number().int().describe(`How many records the list shows, at most ${LIST_COUNT_CAP}`),
      capped: z.boolean().describe(`More than ${LIST_COUNT_CAP} match: count is ${LIST_COUNT_CAP}, shown as "10,000+"`),
    }),
  })
  .meta({ id: "ListCount" });

/** What the count needs of a list: its filter parameters, how they become SQL, and its rows. */
export type CountedList<Filters> = {
  db: Database;
  /** The list's path; the count answers at `<path>/count`. */
  path: string;
  tags: string[];
  /** The list's query parameters but sort and paging (search, filters, the trash switch if it has one). */
  query: z.ZodObject;
  /** Custom field filters (`custom.<key>…`) of this object type too. */
  customObjectType?: string;
  resource: {
    count: (db: Executor, actor: Actor, params: MatchParams & { cap: number }) => Promise<CountResult>;
  };
  filterConditions: (filters: Filters) => (SQL | undefined)[];
  /** The list's check of filters naming unknown option keys, which it runs on an empty page. */
  checkEmptyFilters?: (db: Executor, actor: Actor, filters: Filters) => Promise<void>;
};

type CountResult = { count: number; capped: boolean };

/**
 * `GET <path>/count`: how many records the list shows the caller with the same search, filters,
 * custom field filters and trash switch, through the same scope and with the same 400s for bad
 * parameters; at most LIST_COUNT_CAP.
 */
export function registerListCount<Filters>(app: FastifyInstance, list: CountedList<Filters>): void {
  const { db } = list;
  const path = `${list.path}/count`;
  if (list.customObjectType) registerCustomListPath(list.customObjectType, path);
  app.get(path, {
    schema: {
      tags: list.tags,
      description:
        "How many records the list shows with these parameters (its own but sort and paging), counted " +
        `up to ${LIST_COUNT_CAP}: more answer ${LIST_COUNT_CAP} and capped: true. Takes the list's view permission.`,
      querystring: list.customObjectType ? withCustomFieldFilters(list.query) : list.query,
      response: { 200: listCountSchema, ...errorResponses },
    },
    handler: async (req) => {
      const { q, deleted, ...filters } = req.query as { q?: string; deleted?: boolean } & Record<string, unknown>;
      const actor = actorOf(req);
      const counted = await list.resource.count(db, actor, {
        q: q || undefined,
        deleted,
        conditions: list.filterConditions(filters as Filters),
        custom: customQueryParams(filters),
        cap: LIST_COUNT_CAP,
      });
      // As the list checks its filters on an empty page, so that none of them costs a query more.
      if (counted.count === 0) await list.checkEmptyFilters?.(db, actor, filters as Filters);
      return { data: counted };
    },
  });
}
