import { integer, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";
import { organizations } from "../../modules/organizations/table.ts";

/** Columns every business record has: the API contract's id, version and times, and its tenant. */
export function recordColumns() {
  return {
    id: uuid("id")
      .primaryKey()
      .$defaultFn(() => uuidv7()),
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

export const newId = (): string => uuidv7();
