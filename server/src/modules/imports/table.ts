import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { recordColumns } from "../../platform/db/columns.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { organizations } from "../organizations/table.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
const time = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const importObjectTypes = ["customer", "contact"] as const;
export type ImportObjectType = (typeof importObjectTypes)[number];
/** "undoing": the undo job is taking the batch back, chunk by chunk (`undoneRows` of its rows so far). */
export const importStatuses = ["uploaded", "queued", "running", "done", "failed", "undoing", "undone"] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const duplicateModes = ["skip", "update", "create"] as const;
export type DuplicateMode = (typeof duplicateModes)[number];
/** Column index (from 0) of the file -> mapping target such as "name", "address.city", "custom.vip". */
export type ColumnMapping = Record<string, string>;
export type ImportOptions = {
  duplicates: DuplicateMode;
  validOnly: boolean;
  /** A contact import: companies the file names that are no customer yet become customers of the importer. */
  createCustomers?: boolean;
  /** The customers the run created for that (undo removes those nothing else came to point at). */
  createdCustomers?: string[];
};

/**
 * One uploaded file and what became of it. The file itself is kept (bytea) so the durable job can
 * read it on any app node, and so a crashed run resumes from the rows already recorded.
 */
export const importBatches = pgTable(
  "import_batches",
  {
    ...recordColumns(),
    objectType: text("object_type").$type<ImportObjectType>().notNull(),
    fileName: text("file_name").notNull(),
    encoding: text("encoding").notNull(),
    file: bytea("file").notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    totalRows: integer("total_rows").notNull(),
    status: text("status").$type<ImportStatus>().notNull().default("uploaded"),
    mapping: jsonb("mapping").$type<ColumnMapping>(),
    options: jsonb("options").$type<ImportOptions>(),
    /** The language the run was started in: its report's notes name choices in it, as the check did. */
    locale: text("locale").$type<Locale>(),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    error: text("error"),
    createdBy: uuid("created_by").notNull(),
    finishedAt: time("finished_at"),
    undoneAt: time("undone_at"),
    /**
     * The undo's progress: rows dealt with so far, records reverted, rows kept (changed or trashed
     * since, or pointed at), and rows whose record was deleted for good since (nothing to take back).
     */
    undoneRows: integer("undone_rows").notNull().default(0),
    revertedCount: integer("reverted_count").notNull().default(0),
    keptCount: integer("kept_count").notNull().default(0),
    goneCount: integer("gone_count").notNull().default(0),
  },
  (t) => [index("import_batches_org_created_idx").on(t.organizationId, t.createdAt, t.id)],
);

export const rowOutcomes = ["created", "updated", "skipped", "error"] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

/** Every row's outcome: the downloadable report, the resume point of a crashed run, and what undo reverts. */
export const importRows = pgTable(
  "import_rows",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => importBatches.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    outcome: text("outcome").$type<RowOutcome>().notNull(),
    recordId: uuid("record_id"),
    /**
     * The record's version right after the import: undo notices a record changed since. Null once
     * the undo has dealt with the row (reverted or kept), so a retried undo job resumes after it.
     */
    recordVersion: integer("record_version"),
    /** An updated record's previous values of the fields the import changed. */
    before: jsonb("before").$type<Record<string, unknown>>(),
    message: text("message"),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNumber] })],
);

/** A mapping the organization used for files with these headers, offered again next time. */
export const importMappings = pgTable(
  "import_mappings",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    headerSignature: text("header_signature").notNull(),
    mapping: jsonb("mapping").$type<ColumnMapping>().notNull(),
    updatedAt: time("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.objectType, t.headerSignature] })],
);
