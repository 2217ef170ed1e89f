import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { newId } from "../../platform/db/ids.ts";

/** A tenant. Every business table carries organization_id; nothing crosses it. */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().$defaultFn(newId),
  name: text("name").notNull(),
  locale: text("locale").notNull().default("zh-CN"),
  baseCurrency: text("base_currency").notNull().default("CNY"),
  timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
