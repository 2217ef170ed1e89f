import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import { organizations } from "../organizations/table.ts";
import { users } from "../users/table.ts";

/** A list's URL filters as saved: parameter name -> value(s), whatever parameters the list has. */
export type SavedFilters = Record<string, string | string[]>;

/** A named view of a list (filters, sort, columns), private to its owner or shared with the organization. */
export const savedViews = pgTable(
  "saved_views",
  {
    ...recordColumns(),
    /** The list it belongs to: "customers", "contacts", later "deals"… */
    objectType: text("object_type").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    visibility: text("visibility").$type<"private" | "organization">().notNull().default("private"),
    filters: jsonb("filters").$type<SavedFilters>().notNull().default({}),
    sort: text("sort"),
    /** Visible column keys in display order; empty means the list's default columns. */
    columns: text("columns").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index("saved_views_org_object_idx").on(t.organizationId, t.objectType)],
);

/** The view each user opens a list with. */
export const savedViewDefaults = pgTable(
  "saved_view_defaults",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    viewId: uuid("view_id")
      .notNull()
      .references(() => savedViews.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.objectType] }), index("saved_view_defaults_view_idx").on(t.viewId)],
);
