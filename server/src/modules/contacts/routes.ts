import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import { customQueryParams, withCustomFieldParams } from "../../platform/custom-fields/schema.ts";
import type { Database } from "../../platform/db/client.ts";
import { errorResponses } from "../../platform/http.ts";
import { requestLocale } from "../../platform/i18n/locale.ts";
import { translate } from "../../platform/i18n/translate.ts";
import { runIdempotent } from "../../platform/idempotency.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { idempotencyHeaders, registerResourceRoutes } from "../../platform/resource-routes.ts";
import { importVCards, vcardDuplicateModes } from "./import.ts";
import { contactCreateSchema, contactFiltersSchema, contactSchema, contactUpdateSchema } from "./schema.ts";
import { type ContactRow, contactFilterConditions, contactResource, contactToApi } from "./service.ts";
import "./references.ts";
import "./timeline.ts";
import { serializeVCards } from "./vcard.ts";

const path = "/api/v1/contacts";
const tags = ["Contacts"];
const sorts = ["name", "createdAt", "updatedAt"] as const;
const defaultSort = "-updatedAt";
const EXPORT_PAGE = 200;
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

const importResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    cards: z.array(
      z.object({
        number: z.number().int().describe("The card's place in the file, from 1"),
        name: z.string().nullable(),
        status: z.enum(["created", "updated", "skipped"]),
        id: z.uuid().nullable(),
        reason: z.string().nullable(),
        warnings: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "ContactImportResult" });

export function contactRoutes(app: FastifyInstance, db: Database): void {
  // The export's static path is registered first; Fastify prefers it to /:id either way.
  vcardRoutes(app, db);
  registerResourceRoutes(app, {
    db,
    path,
    tag: "Contacts",
    resource: contactResource,
    schemas: {
      record: contactSchema,
      create: contactCreateSchema,
      update: contactUpdateSchema,
      filters: contactFiltersSchema,
    },
    sorts,
    defaultSort,
    filterConditions: contactFilterConditions,
    toApi: contactToApi,
  });
}

function vcardRoutes(app: FastifyInstance, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get(`${path}/export.vcf`, {
    schema: {
      tags,
      description: "The contacts the list's filters select, every page, as vCard 4.0 (text/vcard)",
      querystring: withCustomFieldParams(
        contactFiltersSchema.extend({
          q: z.string().trim().max(200).optional().describe("Keyword search"),
          sort: z.enum(sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]]).default(defaultSort),
          deleted: z.stringbool().optional().describe("true exports the trash"),
        }),
        sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]],
      ),
      response: { 200: z.string().describe("vCard 4.0 text"), ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, "contacts", "export");
      const { q, sort, deleted, ...filters } = req.query;
      const rows: ContactRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await contactResource.list(db, actor, {
          q: q || undefined,
          sort,
          deleted,
          cursor,
          limit: EXPORT_PAGE,
          conditions: contactFilterConditions(filters),
          custom: customQueryParams(filters),
        });
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const text = serializeVCards(
        rows.map((row) => ({
          uid: `urn:uuid:${row.id}`,
          name: row.name,
          title: row.title,
          organization: row.customerName,
          department: row.department,
          phones: row.phones,
          emails: row.emails,
          im: row.im,
          birthday: row.birthday,
          buyingRole: row.buyingRole,
          notes: row.notes,
        })),
      );
      return reply
        .header("content-type", "text/vcard; charset=utf-8")
        .header("content-disposition", 'attachment; filename="contacts.vcf"')
        .send(text);
    },
  });

  // Its own scope, so the vCard body parser applies to this route only. The body stays bytes: a
  // phone's file may be GBK, or name a charset per property (vcard-decode.ts).
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ["text/vcard", "text/x-vcard", "text/directory"],
      { parseAs: "buffer", bodyLimit: IMPORT_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(`${path}/import.vcf`, {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        description:
          "Creates contacts from a .vcf file (vCard 2.1, 3.0 or 4.0; UTF-8 or GBK, quoted-printable and CHARSET " +
          "parameters read; send as text/vcard or text/plain). " +
          "All or nothing: one invalid card answers 400 naming it, unless skipInvalid=true. " +
          "Cards matching existing contacts by the duplicate rules are skipped unless duplicates says otherwise.",
        headers: idempotencyHeaders,
        querystring: z.strictObject({
          skipInvalid: z.stringbool().optional().describe("true imports the valid cards and reports the others"),
          duplicates: z
            .enum(vcardDuplicateModes)
            .default("skip")
            .describe(
              "A card matching an existing contact (duplicate rules): skip it, update that contact, or create anyway",
            ),
        }),
        // Bytes from text/vcard, a string from text/plain; documented as the text it is.
        body: z
          .custom<Buffer | string>((body) => Buffer.isBuffer(body) || typeof body === "string")
          .meta({ type: "string", maxLength: IMPORT_BODY_LIMIT }),
        response: { 200: importResultSchema, ...errorResponses },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        // Bytes hash as base64: JSON would write each byte as a number.
        const hashed = Buffer.isBuffer(req.body) ? req.body.toString("base64") : req.body;
        const request = { method: req.method, url: req.url, body: hashed };
        const result = await runIdempotent(db, actor, req.headers["idempotency-key"], request, async (tx) => ({
          statusCode: 200,
          body: await importVCards(tx, actor, req.body, req.query.skipInvalid ?? false, req.query.duplicates),
        }));
        // A replayed answer comes from the idempotency store, typed as unknown there.
        const body = result.body as z.output<typeof importResultSchema>;
        const locale = requestLocale(req);
        const cards = body.cards.map((card) => ({
          ...card,
          reason: card.reason && translate(card.reason, locale),
          warnings: card.warnings.map((w) => translate(w, locale)),
        }));
        return reply.status(result.statusCode).send({ ...body, cards });
      },
    });
  });
}
