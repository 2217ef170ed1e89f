import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { recordColumns, trashColumns } from "../../platform/db/columns.ts";
import { customers } from "../customers/table.ts";
import { departments } from "../departments/table.ts";
import { users } from "../users/table.ts";

/**
 * A follow-up record (跟进记录): a call, meeting, visit, email or note about a customer, or, for
 * people with no customer (a private person, a lead not yet tied to a company), about its contacts.
 * Deals and tickets add their own reference columns when those modules exist.
 */
export const followUps = pgTable(
  "follow_ups",
  {
    ...recordColumns(),
    // Null only for a follow-up with contacts on their own: whenever its contacts have a customer, it has too.
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    contactIds: uuid("contact_ids").array().notNull().default(sql`'{}'::uuid[]`),
    kind: text("kind").notNull(),
    // Millisecond precision like every other record time, so a timeline cursor (ISO time) is exact.
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    content: text("content").notNull(),
    outcome: text("outcome"),
    nextFollowUpAt: timestamp("next_follow_up_at", { withTimezone: true, mode: "date", precision: 3 }),
    /** The person who followed up. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "set null" }),
    createdBy: uuid("created_by"),
    ...trashColumns(),
  },
  (t) => [
    // A follow-up is about someone: a customer, or people on their own.
    check("follow_ups_customer_or_contacts", sql`${t.customerId} is not null or cardinality(${t.contactIds}) > 0`),
    // A customer's timeline page and its last/next follow-up: newest first, keyset on (occurred_at, id).
    // Ascending on purpose: read backwards it gives "desc" order with PostgreSQL's default NULLS FIRST,
    // which a "desc nulls last" index does not match, so the planner would not use it for the order.
    index("follow_ups_customer_time_idx")
      .on(t.organizationId, t.customerId, t.occurredAt, t.id)
      .where(sql`deleted_at is null`),
    index("follow_ups_org_occurred_idx").on(t.organizationId, t.occurredAt, t.id).where(sql`deleted_at is null`),
    index("follow_ups_org_created_idx").on(t.organizationId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("follow_ups_org_owner_idx").on(t.organizationId, t.ownerId),
    index("follow_ups_org_department_idx").on(t.organizationId, t.departmentId),
    index("follow_ups_org_deleted_idx").on(t.organizationId, t.deletedAt).where(sql`deleted_at is not null`),
    // A contact's page lists the follow-ups naming the contact (contact_ids @> …).
    index("follow_ups_contact_ids_idx").using("gin", t.contactIds).where(sql`deleted_at is null`),
  ],
);
