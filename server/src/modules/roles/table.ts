import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import type { Permissions } from "../../platform/permissions.ts";
import { organizations } from "../organizations/table.ts";
import { users } from "../users/table.ts";

/** A role grants, per module, actions and one data scope. */
export const roles = pgTable("roles", {
  ...recordColumns(),
  name: text("name").notNull(),
  description: text("description"),
  permissions: jsonb("permissions").$type<Permissions>().notNull().default({}),
});

export const userRoles = pgTable(
  "user_roles",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roleId: uuid("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index("user_roles_role_idx").on(t.roleId)],
);
