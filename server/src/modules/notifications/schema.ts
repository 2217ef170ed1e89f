import { z } from "zod";

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().describe("What happened, e.g. taskReminder; the title is rendered from kind and params"),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    body: z.string().nullable(),
    link: z.object({ type: z.string(), id: z.uuid() }).nullable().describe("The record to open"),
    readAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Notification" });
export type Notification = z.output<typeof notificationSchema>;

export const unreadCountSchema = z
  .object({
    count: z.number().int(),
    nextReminderAt: z.iso
      .datetime()
      .nullable()
      .describe(
        "When the caller's next task reminder fires, if within the next 10 minutes (or due in the last minute and not yet fired): ask again just after it",
      ),
    serverTime: z.iso.datetime().describe("The server's clock at the answer, to time nextReminderAt by"),
  })
  .meta({ id: "UnreadCount" });
