import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Database } from "../../platform/db/client.ts";
import { validationFailed } from "../../platform/errors.ts";
import { errorResponses, idParams, noBody } from "../../platform/http.ts";
import { type Locale, locales, requestLocale } from "../../platform/i18n/locale.ts";
import { translate, translateLines } from "../../platform/i18n/translate.ts";
import { csvLine, UTF8_BOM } from "../exports/csv.ts";
import {
  batchToApi,
  dryRunResultSchema,
  importBatchSchema,
  importOptionsSchema,
  objectTypeSchema,
  uploadQuerySchema,
  uploadResultSchema,
} from "./schema.ts";
import { deleteBatch, dryRun, getBatch, listBatches, reportRows, startRun, undoBatch, uploadFile } from "./service.ts";
import type { RowOutcome } from "./table.ts";

const path = "/api/v1/imports";
const tags = ["Imports"];
const UPLOAD_LIMIT = 50 * 1024 * 1024;
const fileTypes = [
  "application/octet-stream",
  "text/csv",
  "text/plain",
  "text/tab-separated-values",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

/** The report's own columns and outcomes, in each language. */
const reportWords: Record<Locale, { columns: string[]; outcomes: Partial<Record<RowOutcome, string>> }> = {
  en: { columns: ["Row", "Outcome", "Record ID", "Message"], outcomes: {} },
  "zh-CN": {
    columns: ["行号", "结果", "记录 ID", "说明"],
    outcomes: { created: "新建", updated: "更新", skipped: "跳过", error: "错误" },
  },
};

export function importRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Its own scope, so the raw file body parser applies to the upload only.
  app.register(async (scope) => {
    scope.addContentTypeParser(fileTypes, { parseAs: "buffer", bodyLimit: UPLOAD_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(path, {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags,
        description:
          "Uploads a CSV or tab-separated text file (UTF-8 with or without BOM, GBK/GB18030, or UTF-16 such as " +
          "Excel's Unicode text; comma, semicolon or tab, found from the header line) or an XLSX file (a formula " +
          "as its computed value) as the request body (application/octet-stream, text/csv, text/plain, " +
          "text/tab-separated-values or the XLSX type) and answers the new batch with a suggested mapping.",
        querystring: uploadQuerySchema,
        response: { 201: uploadResultSchema, ...errorResponses },
      },
      handler: async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw validationFailed("body", "send the file as the request body");
        const result = await uploadFile(db, actorOf(req), { ...req.query, file: req.body });
        return reply.status(201).send({ ...result, batch: batchToApi(result.batch) });
      },
    });
  });

  r.get(path, {
    schema: {
      tags,
      description: "Import history: the latest 100 batches (yours; an admin sees all)",
      querystring: z.strictObject({ objectType: objectTypeSchema.optional() }),
      response: { 200: z.object({ data: z.array(importBatchSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ data: (await listBatches(db, actorOf(req), req.query.objectType)).map(batchToApi) }),
  });

  r.get(`${path}/:id`, {
    schema: { tags, params: idParams, response: { 200: importBatchSchema, ...errorResponses } },
    handler: async (req) => batchToApi(await getBatch(db, actorOf(req), req.params.id)),
  });

  r.delete(`${path}/:id`, {
    schema: {
      tags,
      description: "Removes an import that never ran (status uploaded): a file checked and left. 409 for any other",
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteBatch(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post(`${path}/:id/dry-run`, {
    schema: {
      tags,
      description: "Checks every row with the mapping, as the run would, and writes nothing but the remembered mapping",
      params: idParams,
      body: importOptionsSchema,
      response: { 200: dryRunResultSchema, ...errorResponses },
    },
    handler: async (req) => {
      const { mapping, ...options } = req.body;
      const locale = requestLocale(req);
      const result = await dryRun(db, actorOf(req), req.params.id, mapping, options, locale);
      return {
        ...result,
        problems: result.problems.map((p) => ({ ...p, message: translate(p.message, locale) })),
        warnings: result.warnings.map((w) => ({ ...w, message: translate(w.message, locale) })),
      };
    },
  });

  r.post(`${path}/:id/run`, {
    schema: {
      tags,
      description: "Starts the import as a background job; poll GET /imports/{id} for progress",
      params: idParams,
      body: importOptionsSchema,
      response: { 202: importBatchSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { mapping, ...options } = req.body;
      const started = await startRun(db, actorOf(req), req.params.id, mapping, options, requestLocale(req));
      return reply.status(202).send(batchToApi(started));
    },
  });

  r.post(`${path}/:id/undo`, {
    schema: {
      tags,
      description:
        "Starts undoing the import as a background job (status undoing; poll GET /imports/{id}: undoneRows, then " +
        "undone with revertedCount, keptCount and goneCount): deletes the records the import created and restores " +
        "the ones it updated. Records changed or moved to the trash since, and created records that records added " +
        "since point at (follow-ups, contacts, tasks, team members), refuse the undo (409, naming the first 100 rows " +
        "and why) unless force=true, which keeps them and reverts the rest. Records deleted for good since count as " +
        "gone. The customers a contact import created for its companies go with it, " +
        "except those changed or pointed at since, which stay without a 409 (they are the company of someone " +
        "else's record now) and count as kept. Asked again while the undo runs, answers the batch as it is.",
      params: idParams,
      // force is a query parameter: a body naming it (or anything else) is refused, not ignored.
      querystring: z.strictObject({ force: z.stringbool().optional() }),
      body: noBody,
      response: { 202: importBatchSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(202).send(batchToApi(await undoBatch(db, actorOf(req), req.params.id, req.query.force ?? false))),
  });

  r.get(`${path}/:id/report.csv`, {
    schema: {
      tags,
      description: "Every row's outcome (created, updated, skipped, error and why) beside its cells, as CSV",
      params: idParams,
      querystring: z.strictObject({
        lang: z
          .enum(locales)
          .optional()
          .describe("Language of the report's own columns; from Accept-Language when absent"),
      }),
      response: { 200: z.string().describe("CSV, UTF-8 with BOM"), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { batch, headers, outcomes, cells } = await reportRows(db, actorOf(req), req.params.id);
      const locale = requestLocale(req, req.query.lang);
      const words = reportWords[locale];
      const lines = [UTF8_BOM + csvLine([...words.columns, ...headers])];
      for (const o of outcomes) {
        const message = o.message && translateLines(o.message, locale);
        lines.push(
          csvLine([o.rowNumber, words.outcomes[o.outcome] ?? o.outcome, o.recordId, message, ...cells(o.rowNumber)]),
        );
      }
      const name = `${batch.fileName.replace(/\.[^.]+$/, "").replace(/[^\w\u4e00-\u9fff-]+/g, "_")}-report.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="report.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(lines.join(""));
    },
  });
}
