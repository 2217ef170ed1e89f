import { integer, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../../modules/organizations/table.ts";
import { newId } from "./ids.ts";

/** Columns every business record has: the API contract's id, version and times, and its tenant. */
export function recordColumns() {
  return {
    id: uuid("id").primaryKey().$defaultFn(newId),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  };
}

/** Soft delete: a trashed record keeps its row until purged. */
export function trashColumns() {
  return {
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date", precision: 3 }),
    deletedBy: uuid("deleted_by"),
  };
}

export { newId };
