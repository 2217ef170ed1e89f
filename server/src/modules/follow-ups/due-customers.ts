import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { cursorParam, errorResponses, limitParam, listOf } from "../../platform/http.ts";
import { LIST_COUNT_CAP } from "../../platform/list-count.ts";
import type { Actor } from "../../platform/permissions.ts";
import { customerSchema } from "../customers/schema.ts";
import { customerResource, customerToApi } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { type DueGroup, dueGroupCondition, dueGroups } from "./due.ts";

const PATH = "/api/v1/follow-ups/due-customers";
const TAGS = ["Follow-ups"];

const groupCount = z.object({
  count: z.number().int().describe(`How many customers, at most ${LIST_COUNT_CAP}`),
  capped: z.boolean().describe(`More than ${LIST_COUNT_CAP}`),
});

/** The caller's own customers of one group: whom they are to follow up. */
const mine = (actor: Actor, group: DueGroup) => [eq(customers.ownerId, actor.userId), dueGroupCondition(group)];

/**
 * A rep's follow-ups due (我的任务 → 待跟进客户): their own customers whose next follow-up is today
 * (any time of the organization's day) or overdue (an earlier day), one group at a time, with a count
 * of each: today's are never paged away behind a long tail of overdue ones.
 */
export function dueCustomerRoutes(app: FastifyInstance, db: Database): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(PATH, {
    schema: {
      tags: TAGS,
      description:
        "The caller's own customers whose next follow-up is today (group=today, the whole day in the organization's time zone) or on an earlier day (group=overdue), earliest first",
      querystring: z.strictObject({ group: z.enum(dueGroups), limit: limitParam, cursor: cursorParam }),
      response: { 200: listOf(customerSchema), ...errorResponses },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const { group, limit, cursor } = req.query;
      const page = await customerResource.list(db, actor, {
        sort: "nextFollowUpAt",
        limit,
        cursor,
        conditions: mine(actor, group),
      });
      return { data: page.rows.map(customerToApi), nextCursor: page.nextCursor };
    },
  });
  typed.get(`${PATH}/count`, {
    schema: {
      tags: TAGS,
      description: "How many of the caller's own customers are due today and how many are overdue (earlier days)",
      response: {
        200: z.object({ data: z.object({ today: groupCount, overdue: groupCount }) }).meta({ id: "DueCustomerCounts" }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const count = (group: DueGroup) =>
        customerResource.count(db, actor, { conditions: mine(actor, group), cap: LIST_COUNT_CAP });
      return { data: { today: await count("today"), overdue: await count("overdue") } };
    },
  });
}
