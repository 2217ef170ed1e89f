import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import { users } from "../users/table.ts";

/** An in-app notification (the bell) for one user. */
export const notifications = pgTable(
  "notifications",
  {
    ...recordColumns(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What happened, e.g. "taskReminder"; the web app renders the title from kind + params in the reader's language. */
    kind: text("kind").notNull(),
    params: jsonb("params").$type<Record<string, string | number | null>>().notNull(),
    body: text("body"),
    linkType: text("link_type"),
    linkId: uuid("link_id"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date", precision: 3 }),
    /** One notification per cause (e.g. reminder + its time): a job retried after a crash never doubles it. */
    dedupeKey: text("dedupe_key").notNull(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_idx").on(t.organizationId, t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`read_at is null`),
  ],
);
