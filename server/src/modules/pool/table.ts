import { integer, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../organizations/table.ts";

/**
 * An automatic reclaim rule (自动回收): a customer whose owner has not followed up in
 * noFollowUpDays, or won no deal in noDealDays, goes back to the pool; the owner hears of it
 * noticeDays before. A rule with a level applies to customers of that level; the rule without
 * one to every other customer.
 */
export type ReclaimRule = {
  level: string | null;
  noFollowUpDays: number | null;
  noDealDays: number | null;
  noticeDays: number;
};

/** The public pool's settings (公海规则), one row per organization; no row means no limit and no rules. */
export const poolSettings = pgTable("pool_settings", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** How many live customers one user may own for a claim to succeed; null: no limit. */
  maxOwnedCustomers: integer("max_owned_customers"),
  reclaimRules: jsonb("reclaim_rules").$type<ReclaimRule[]>().notNull().default([]),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
});
