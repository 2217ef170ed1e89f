import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import { organizations } from "../organizations/table.ts";
import { users } from "../users/table.ts";

/** Cookie sessions. The id is the SHA-256 of the token, so a leaked table holds no usable token. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** API keys act with their user's rights; only a hash is kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    ...recordColumns(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("api_keys_org_user_idx").on(t.organizationId, t.userId)],
);

/** Failed sign-ins, counted per email to slow down password guessing across every app node. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_email_at_idx").on(t.email, t.at)],
);
