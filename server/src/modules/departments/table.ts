import { type AnyPgColumn, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import { users } from "../users/table.ts";

/** Departments form a tree per organization; each may have a manager. */
export const departments = pgTable(
  "departments",
  {
    ...recordColumns(),
    name: text("name").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => departments.id, { onDelete: "restrict" }),
    managerId: uuid("manager_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
  },
  (t) => [index("departments_org_parent_idx").on(t.organizationId, t.parentId)],
);
