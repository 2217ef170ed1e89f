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
