import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { recordColumns, trashColumns } from "../../platform/db/columns.ts";
import { departments } from "../departments/table.ts";
import { users } from "../users/table.ts";

export type Address = {
  country?: string;
  region?: string;
  city?: string;
  street?: string;
  postalCode?: string;
};

/** A customer (客户): a company or a person. */
export const customers = pgTable(
  "customers",
  {
    ...recordColumns(),
    name: text("name").notNull(),
    kind: text("kind").notNull().default("company"),
    industry: text("industry"),
    size: text("size"),
    level: text("level"),
    source: text("source"),
    lifecycleStage: text("lifecycle_stage").notNull().default("lead"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    address: jsonb("address").$type<Address>(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "set null" }),
    notes: text("notes"),
    createdBy: uuid("created_by"),
    /** Derived from the customer's follow-ups (modules/follow-ups/customer-summary.ts), not edited. */
    lastFollowUpAt: timestamp("last_follow_up_at", { withTimezone: true, mode: "date", precision: 3 }),
    nextFollowUpAt: timestamp("next_follow_up_at", { withTimezone: true, mode: "date", precision: 3 }),
    ...trashColumns(),
    /** One lower-cased text of what keyword search looks at, under a trigram index. */
    /** Pairs of adjacent Chinese characters of the name: two-character searches use these. */
    searchBigrams: text("search_bigrams").array().generatedAlwaysAs(sql`rapport_cjk_bigrams(name)`),
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(website, ''))`,
    ),
  },
  (t) => [
    index("customers_org_updated_idx").on(t.organizationId, t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("customers_org_created_idx").on(t.organizationId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("customers_org_name_idx").on(t.organizationId, t.name, t.id).where(sql`deleted_at is null`),
    index("customers_org_owner_idx").on(t.organizationId, t.ownerId),
    index("customers_org_department_idx").on(t.organizationId, t.departmentId),
    index("customers_org_deleted_idx").on(t.organizationId, t.deletedAt).where(sql`deleted_at is not null`),
    index("customers_search_idx").using("gin", sql`search_text gin_trgm_ops`),
    index("customers_search_bigrams_idx").using("gin", t.searchBigrams),
    index("customers_tags_idx").using("gin", t.tags),
    index("customers_org_next_follow_up_idx").on(t.organizationId, t.nextFollowUpAt).where(sql`deleted_at is null`),
  ],
);
