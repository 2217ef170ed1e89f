import { sql } from "drizzle-orm";
import { boolean, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { recordColumns, trashColumns } from "../../platform/db/columns.ts";
import { customers } from "../customers/table.ts";
import { departments } from "../departments/table.ts";
import { noPendingList } from "../duplicates/table.ts";
import { users } from "../users/table.ts";

export type ContactPhone = { label: "mobile" | "work" | "home" | "other"; number: string };
export type ContactEmail = { label: "work" | "home" | "other"; address: string };
export type ContactIm = {
  kind: "wechat" | "qq" | "whatsapp" | "telegram" | "skype" | "line" | "other";
  handle: string;
};

/** A contact (联系人): a person at a customer, or on their own. */
export const contacts = pgTable(
  "contacts",
  {
    ...recordColumns(),
    // A purged customer leaves its people behind as contacts on their own.
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    title: text("title"),
    department: text("department"),
    phones: jsonb("phones").$type<ContactPhone[]>().notNull().default(sql`'[]'::jsonb`),
    emails: jsonb("emails").$type<ContactEmail[]>().notNull().default(sql`'[]'::jsonb`),
    im: jsonb("im").$type<ContactIm[]>().notNull().default(sql`'[]'::jsonb`),
    birthday: date("birthday", { mode: "string" }),
    buyingRole: text("buying_role"),
    isPrimary: boolean("is_primary").notNull().default(false),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "set null" }),
    notes: text("notes"),
    createdBy: uuid("created_by"),
    /** Custom field values by key, typed JSON (platform/custom-fields); no name/value table. */
    custom: jsonb("custom").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ...trashColumns(),
    /**
     * One lower-cased text of what searches look at, under the one trigram index of the table:
     * name, title, phones, emails, IM, and each phone's digits (comma-separated by the JSON's own
     * commas), so a number is found however it was written.
     */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(name || ' ' || coalesce(title, '') || ' ' || phones::text || ' ' || emails::text || ' ' || im::text || ' ' || regexp_replace(phones::text, '[^0-9,]+', '', 'g'))`,
    ),
    /** Pairs of adjacent Chinese characters of the name: two-character searches (王芳) use these. */
    searchBigrams: text("search_bigrams").array().generatedAlwaysAs(sql`rapport_cjk_bigrams(name)`),
    /** Normalized keys the duplicate check matches on (functions in migration 0015, modules/duplicates). */
    dupName: text("dup_name").generatedAlwaysAs(sql`rapport_dup_name(name)`),
    dupPhones: text("dup_phones").array().generatedAlwaysAs(sql`rapport_dup_phone_list(phones)`),
    dupEmails: text("dup_emails").array().generatedAlwaysAs(sql`rapport_dup_email_list(emails)`),
  },
  (t) => [
    index("contacts_org_updated_idx").on(t.organizationId, t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("contacts_org_created_idx").on(t.organizationId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("contacts_org_name_idx").on(t.organizationId, t.name, t.id).where(sql`deleted_at is null`),
    index("contacts_org_owner_idx").on(t.organizationId, t.ownerId),
    index("contacts_org_department_idx").on(t.organizationId, t.departmentId),
    index("contacts_org_deleted_idx").on(t.organizationId, t.deletedAt).where(sql`deleted_at is not null`),
    index("contacts_customer_idx").on(t.customerId, t.createdAt, t.id),
    index("contacts_search_idx").using("gin", sql`search_text gin_trgm_ops`),
    // Typo-tolerant global search: word similarity of the name (modules/search). Its own index, not
    // the search text's: similarity estimates against that longer text cost 10 ms of planning.
    index("contacts_name_trgm_idx").using("gin", sql`lower(name) gin_trgm_ops`),
    index("contacts_search_bigrams_idx").using("gin", t.searchBigrams),
    index("contacts_dup_name_idx").on(t.organizationId, t.dupName).where(sql`deleted_at is null`),
    index("contacts_dup_name_trgm_idx").using("gin", sql`dup_name gin_trgm_ops`).where(sql`deleted_at is null`),
    index("contacts_dup_phones_idx").using("gin", t.dupPhones).with(noPendingList).where(sql`deleted_at is null`),
    index("contacts_dup_emails_idx").using("gin", t.dupEmails).with(noPendingList).where(sql`deleted_at is null`),
    // At most one primary contact per customer, trashed ones included: setting a new primary
    // clears every other, so a restored contact never collides.
    uniqueIndex("contacts_one_primary_idx").on(t.customerId).where(sql`is_primary`),
  ],
);
