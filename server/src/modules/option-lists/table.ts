import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";

/**
 * One value of an admin-configurable option list (industry, level, tags…). Records store `key`;
 * labels are shown in the user's language. Values are archived, never deleted, so a record that
 * still holds an old value keeps a readable label.
 */
export const optionValues = pgTable(
  "option_values",
  {
    ...recordColumns(),
    /** Which list, as "<object>.<field>", e.g. "customer.industry" or "customer.custom.region". */
    listKey: text("list_key").notNull(),
    key: text("key").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    color: text("color"),
    position: integer("position").notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [
    uniqueIndex("option_values_org_list_key_idx").on(t.organizationId, t.listKey, t.key),
    index("option_values_org_list_position_idx").on(t.organizationId, t.listKey, t.position),
  ],
);
