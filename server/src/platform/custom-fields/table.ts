import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "../db/columns.ts";

export const customFieldTypes = [
  "text",
  "longText",
  "number",
  "money",
  "date",
  "dateTime",
  "singleChoice",
  "multiChoice",
  "checkbox",
  "user",
  "url",
  "email",
  "phone",
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export type LocalizedLabel = { en: string; "zh-CN": string };
/** A choice; its key is stable, so an option is archived (kept for old values), never deleted. */
export type CustomFieldOption = { key: string; label: LocalizedLabel; archived?: boolean };
/** active: shown and validated; archived: hidden, values kept; purged: values removed, key retired. */
export type CustomFieldState = "active" | "archived" | "purged";

/**
 * An admin-defined field of an object type (customer, contact, later deal...). Values live typed in
 * the object table's `custom` jsonb column under `key`, which is never reused: a purged field keeps
 * its row as a tombstone.
 */
export const customFields = pgTable(
  "custom_fields",
  {
    ...recordColumns(),
    objectType: text("object_type").notNull(),
    key: text("key").notNull(),
    type: text("type").$type<CustomFieldType>().notNull(),
    label: jsonb("label").$type<LocalizedLabel>().notNull(),
    options: jsonb("options").$type<CustomFieldOption[]>().notNull().default(sql`'[]'::jsonb`),
    /** Money: the ISO currency of the amounts. */
    currency: text("currency"),
    required: boolean("required").notNull().default(false),
    unique: boolean("unique").notNull().default(false),
    indexed: boolean("indexed").notNull().default(false),
    position: integer("position").notNull().default(0),
    state: text("state").$type<CustomFieldState>().notNull().default("active"),
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [
    uniqueIndex("custom_fields_org_object_key_idx").on(t.organizationId, t.objectType, t.key),
    index("custom_fields_org_object_position_idx").on(t.organizationId, t.objectType, t.position),
  ],
);

export type CustomFieldRow = typeof customFields.$inferSelect;
