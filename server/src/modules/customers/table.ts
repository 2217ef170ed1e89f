import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { recordColumns, trashColumns } from "../../platform/db/columns.ts";
import { departments } from "../departments/table.ts";
import { noPendingList } from "../duplicates/table.ts";
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
    /** Since when the owner (or, without one, the pool) has had the customer: automatic reclaim counts from it. */
    ownerAssignedAt: timestamp("owner_assigned_at", { withTimezone: true, mode: "date", precision: 3 })
      .notNull()
      .defaultNow(),
    notes: text("notes"),
    createdBy: uuid("created_by"),
    /** Custom field values by key, typed JSON (platform/custom-fields); no name/value table. */
    custom: jsonb("custom").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Derived from the customer's follow-ups (modules/follow-ups/customer-summary.ts), not edited. */
    lastFollowUpAt: timestamp("last_follow_up_at", { withTimezone: true, mode: "date", precision: 3 }),
    nextFollowUpAt: timestamp("next_follow_up_at", { withTimezone: true, mode: "date", precision: 3 }),
    ...trashColumns(),
    /** Pairs of adjacent Chinese characters of the name: two-character searches use these. */
    searchBigrams: text("search_bigrams").array().generatedAlwaysAs(sql`rapport_cjk_bigrams(name)`),
    /**
     * One lower-cased text of what searches look at, under the one trigram index of the table: the
     * name, email, phone as written, website, and the phone's digits alone, so "13800138000" finds
     * "+86 138-0013-8000". Substrings, digits and typos (word similarity) all use the same index.
     */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(website, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'))`,
    ),
    /** Normalized keys the duplicate check matches on (functions in migration 0015, modules/duplicates). */
    dupName: text("dup_name").generatedAlwaysAs(sql`rapport_dup_name(name)`),
    dupPhones: text("dup_phones").array().generatedAlwaysAs(sql`array_remove(array[rapport_dup_phone(phone)], null)`),
    dupEmails: text("dup_emails").array().generatedAlwaysAs(sql`array_remove(array[rapport_dup_email(email)], null)`),
    dupDomains: text("dup_domains")
      .array()
      .generatedAlwaysAs(sql`array_remove(array[rapport_dup_domain(website), rapport_dup_domain(email)], null)`),
  },
  (t) => [
    index("customers_org_updated_idx").on(t.organizationId, t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("customers_org_created_idx").on(t.organizationId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("customers_org_name_idx").on(t.organizationId, t.name, t.id).where(sql`deleted_at is null`),
    index("customers_org_owner_idx").on(t.organizationId, t.ownerId),
    index("customers_org_department_idx").on(t.organizationId, t.departmentId),
    index("customers_org_deleted_idx").on(t.organizationId, t.deletedAt).where(sql`deleted_at is not null`),
    index("customers_search_idx").using("gin", sql`search_text gin_trgm_ops`),
    // Typo-tolerant global search: word similarity of the name (modules/search). Its own index, not
    // the search text's: similarity estimates against that longer text cost 10 ms of planning.
    index("customers_name_trgm_idx").using("gin", sql`lower(name) gin_trgm_ops`),
    index("customers_search_bigrams_idx").using("gin", t.searchBigrams),
    index("customers_tags_idx").using("gin", t.tags),
    index("customers_dup_name_idx").on(t.organizationId, t.dupName).where(sql`deleted_at is null`),
    index("customers_dup_name_trgm_idx").using("gin", sql`dup_name gin_trgm_ops`).where(sql`deleted_at is null`),
    index("customers_dup_phones_idx").using("gin", t.dupPhones).with(noPendingList).where(sql`deleted_at is null`),
    index("customers_dup_emails_idx").using("gin", t.dupEmails).with(noPendingList).where(sql`deleted_at is null`),
    index("customers_dup_domains_idx").using("gin", t.dupDomains).with(noPendingList).where(sql`deleted_at is null`),
    index("customers_org_next_follow_up_idx").on(t.organizationId, t.nextFollowUpAt).where(sql`deleted_at is null`),
  ],
);
