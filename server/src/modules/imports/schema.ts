import { z } from "zod";
import { fileEncodings } from "./read-file.ts";
import type { BatchRow } from "./service.ts";
import { duplicateModes, importObjectTypes, importStatuses } from "./table.ts";

export const objectTypeSchema = z.enum(importObjectTypes);

export const mappingSchema = z
  .record(z.string().regex(/^\d{1,4}$/), z.string().min(1).max(100))
  .describe(
    'File column index (from 0) -> field, e.g. {"0": "name", "3": "address.city"}; unmapped columns are ignored',
  );

export const importOptionsSchema = z.strictObject({
  mapping: mappingSchema,
  duplicates: z
    .enum(duplicateModes)
    .default("skip")
    .describe("A row matching an existing record: skip it, update that record, or create anyway"),
  validOnly: z
    .boolean()
    .default(true)
    .describe("true imports the valid rows and reports the others; false imports nothing when any row has an error"),
  createCustomers: z
    .boolean()
    .default(false)
    .describe("Contacts only: a company the file names that is no customer you can see becomes your customer"),
});

export const uploadQuerySchema = z.strictObject({
  objectType: objectTypeSchema,
  fileName: z.string().trim().min(1).max(255).default("import.csv"),
  encoding: z
    .enum(fileEncodings)
    .default("auto")
    .describe(
      "auto: UTF-8 when the bytes are valid UTF-8, else GB18030. UTF-16 (Excel's Unicode text) is told by its BOM or NUL bytes, whatever is chosen",
    ),
});

export const importBatchSchema = z
  .object({
    id: z.uuid(),
    objectType: objectTypeSchema,
    fileName: z.string(),
    encoding: z.string(),
    headers: z.array(z.string()),
    totalRows: z.number().int(),
    status: z.enum(importStatuses),
    mapping: mappingSchema.nullable(),
    duplicates: z.enum(duplicateModes).nullable(),
    validOnly: z.boolean().nullable(),
    processedRows: z.number().int(),
    createdCount: z.number().int(),
    updatedCount: z.number().int(),
    skippedCount: z.number().int(),
    errorCount: z.number().int(),
    createdCustomers: z
      .number()
      .int()
      .describe("Contact imports: customers the run created for companies that were no customer yet"),
    error: z.string().nullable(),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    undoneAt: z.iso.datetime().nullable(),
    undoneRows: z.number().int().describe("Undoing: the rows the undo has dealt with so far"),
    revertedCount: z.number().int().describe("Records the undo deleted or restored"),
    keptCount: z
      .number()
      .int()
      .describe("Rows the undo kept: changed or moved to the trash since, or records added since point at them"),
    goneCount: z
      .number()
      .int()
      .describe("Rows whose record was deleted for good since the import: nothing to take back"),
  })
  .meta({ id: "ImportBatch" });

export const uploadResultSchema = z
  .object({
    batch: importBatchSchema,
    targets: z.array(z.string()).describe("Fields a column can be mapped to"),
    suggestedMapping: mappingSchema,
    mappingRemembered: z.boolean().describe("true when the mapping is the one last used for these headers"),
    sampleRows: z.array(z.array(z.string())),
  })
  .meta({ id: "ImportUpload" });

export const dryRunResultSchema = z
  .object({
    total: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    skip: z.number().int(),
    error: z.number().int(),
    newCustomers: z
      .number()
      .int()
      .describe("Contact imports with createCustomers: customers the run will create, besides the rows' records"),
    problems: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
    warnings: z.array(z.object({ row: z.number().int(), message: z.string() })),
    preview: z.array(
      z.object({
        row: z.number().int(),
        action: z.enum(["create", "update", "skip", "error"]),
        values: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
  })
  .meta({ id: "ImportDryRun" });

export function batchToApi(b: BatchRow): z.output<typeof importBatchSchema> {
  return {
    id: b.id,
    objectType: b.objectType,
    fileName: b.fileName,
    encoding: b.encoding,
    headers: b.headers,
    totalRows: b.totalRows,
    status: b.status,
    mapping: b.mapping,
    duplicates: b.options?.duplicates ?? null,
    validOnly: b.options?.validOnly ?? null,
    processedRows: b.processedRows,
    createdCount: b.createdCount,
    updatedCount: b.updatedCount,
    skippedCount: b.skippedCount,
    errorCount: b.errorCount,
    createdCustomers: b.options?.createdCustomers?.length ?? 0,
    error: b.error,
    createdBy: b.createdBy,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    undoneAt: b.undoneAt?.toISOString() ?? null,
    undoneRows: b.undoneRows,
    revertedCount: b.revertedCount,
    keptCount: b.keptCount,
    goneCount: b.goneCount,
  };
}
