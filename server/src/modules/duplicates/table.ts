import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { newId, recordColumns } from "../../platform/db/columns.ts";
import { organizations } from "../organizations/table.ts";

/**
 * A duplicate rule (查重规则): records of one object type whose `field` matches, exactly or fuzzily,
 * are likely duplicates. One rule per object and field; an admin switches it on or off and picks
 * the match. Rules are alternatives: any active rule that matches makes a likely duplicate.
 */
export const duplicateRules = pgTable(
  "duplicate_rules",
  {
    ...recordColumns(),
    objectType: text("object_type").notNull(),
    field: text("field").notNull(),
    match: text("match").notNull().default("exact"),
    active: boolean("active").notNull().default(true),
  },
  (t) => [uniqueIndex("duplicate_rules_field_idx").on(t.organizationId, t.objectType, t.field)],
);

/** One merge: which records went into which survivor, and the values they had, for the record. */
export const duplicateMerges = pgTable(
  "duplicate_merges",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    survivorId: uuid("survivor_id").notNull(),
    mergedIds: uuid("merged_ids").array().notNull(),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    /** Each record as it was before the merge, by id. */
    before: jsonb("before").$type<Record<string, Record<string, unknown>>>().notNull(),
  },
  (t) => [
    index("duplicate_merges_survivor_idx").on(t.organizationId, t.survivorId),
    index("duplicate_merges_merged_idx").using("gin", t.mergedIds),
  ],
);

/**
 * "Not duplicates" (不是重复): a user judged these records, sharing this key, to be different ones.
 * The finder leaves out a group whose records all lie within the dismissal of its (field, key); a
 * record that joins the key later was never judged, so the group comes back. One row per key: a
 * later dismissal of the same key adds its records to the row.
 */
export const duplicateDismissals = pgTable(
  "duplicate_dismissals",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    field: text("field").notNull(),
    key: text("key").notNull(),
    recordIds: uuid("record_ids").array().notNull(),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("duplicate_dismissals_key_idx").on(t.organizationId, t.objectType, t.field, t.key)],
);

/** The generated key columns (dup_*) on matched tables: resources keep them out of what they read and show. */
export const duplicateKeyColumns = ["dupName", "dupPhones", "dupEmails", "dupDomains"] as const;
export type DuplicateKeyColumns = (typeof duplicateKeyColumns)[number];

/**
 * For the dup_* GIN indexes: a lookup scans GIN's list of pending inserts in full, which after a
 * 100,000-row import made each probe of the batch check take 20 ms instead of 0.02 ms. The keys
 * are one or two per row, so inserting straight into the index costs little.
 */
export const noPendingList = { fastupdate: false };
