import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../organizations/table.ts";
import { users } from "../users/table.ts";

export const shareAccess = ["read", "write"] as const;
export type ShareAccess = (typeof shareAccess)[number];

/**
 * A record shared with a colleague (团队成员), for any object: the object type is the permission
 * module key ("customers"), so scopeCondition can find the shares of the rows it filters.
 * No foreign key to the record: one table serves every object.
 */
export const recordShares = pgTable(
  "record_shares",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    recordId: uuid("record_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    access: text("access").$type<ShareAccess>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // The primary key serves both the members of a record and the EXISTS of scopeCondition.
    primaryKey({ columns: [t.organizationId, t.objectType, t.recordId, t.userId] }),
    index("record_shares_user_idx").on(t.userId, t.objectType, t.recordId),
    check("record_shares_access_check", sql`${t.access} in ('read', 'write')`),
  ],
);
