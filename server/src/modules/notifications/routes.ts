import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { cursorParam, errorResponses, idParams, limitParam, listOf, noBody } from "../../platform/http.ts";
import { nextReminderAt } from "../tasks/reminders.ts";
import { notificationSchema, unreadCountSchema } from "./schema.ts";
import { listNotifications, markAllRead, markRead, unreadCount } from "./service.ts";

/** The caller's own notifications (the bell). No module permission: everyone has their own. */
export function notificationRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Notifications"];

  r.get("/api/v1/notifications", {
    schema: {
      tags,
      querystring: z.strictObject({
        unread: z.stringbool().optional().describe("true lists only unread ones"),
        limit: limitParam,
        cursor: cursorParam,
      }),
      response: { 200: listOf(notificationSchema), ...errorResponses },
    },
    handler: (req) => listNotifications(db, actorOf(req), req.query),
  });

  r.get("/api/v1/notifications/unread-count", {
    schema: { tags, response: { 200: unreadCountSchema, ...errorResponses } },
    handler: async (req) => {
      const actor = actorOf(req);
      const [count, next] = await Promise.all([unreadCount(db, actor), nextReminderAt(db, actor)]);
      return { count, nextReminderAt: next?.toISOString() ?? null, serverTime: new Date().toISOString() };
    },
  });

  r.post("/api/v1/notifications/:id/read", {
    schema: { tags, params: idParams, body: noBody, response: { 200: notificationSchema, ...errorResponses } },
    handler: (req) => markRead(db, actorOf(req), req.params.id),
  });

  r.post("/api/v1/notifications/read-all", {
    schema: { tags, body: noBody, response: { 200: z.object({ updated: z.number().int() }), ...errorResponses } },
    handler: async (req) => ({ updated: await markAllRead(db, actorOf(req)) }),
  });
}
