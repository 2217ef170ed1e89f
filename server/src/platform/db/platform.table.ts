import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../../modules/organizations/table.ts";

export type FieldChange = { field: string; from: unknown; to: unknown };

/** Who changed what, when: one row per create, update, delete or restore of a record. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    action: text("action").notNull(),
    actorId: uuid("actor_id"),
    // Milliseconds, like the ISO times in cursors, so keyset paging by (at, id) never skips a row.
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    changes: jsonb("changes").$type<FieldChange[]>().notNull().default([]),
  },
  (t) => [index("audit_log_entity_idx").on(t.organizationId, t.entityType, t.entityId, t.at, t.id)],
);

/** A POST retried with the same Idempotency-Key replays the first answer instead of acting twice. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code").notNull(),
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId, t.key] })],
);

/** Install-wide settings, such as the secret that signs cookies (shared by every app node). */
export const systemSettings = pgTable("system_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
