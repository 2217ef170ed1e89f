import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import { departments } from "../departments/table.ts";

/**
 * A person who signs in. Email is unique across the install, so sign-in needs no organization name.
 * managerId is the direct superior (上级): "own and subordinates" follows this chain.
 */
export const users = pgTable(
  "users",
  {
    ...recordColumns(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale").notNull().default("zh-CN"),
    departmentId: uuid("department_id").references((): AnyPgColumn => departments.id, { onDelete: "set null" }),
    managerId: uuid("manager_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    isAdmin: boolean("is_admin").notNull().default(false),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    uniqueIndex("users_email_idx").on(sql`lower(${t.email})`),
    index("users_org_manager_idx").on(t.organizationId, t.managerId),
    index("users_org_department_idx").on(t.organizationId, t.departmentId),
  ],
);
