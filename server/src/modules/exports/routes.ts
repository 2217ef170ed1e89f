import type { SQL } from "drizzle-orm";
import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import { loadCustomFields } from "../../platform/custom-fields/index.ts";
import { customQueryParams, withCustomFieldParams } from "../../platform/custom-fields/schema.ts";
import type { Database } from "../../platform/db/client.ts";
import { validationFailed } from "../../platform/errors.ts";
import { errorResponses } from "../../platform/http.ts";
import { requestLocale } from "../../platform/i18n/locale.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import type { BaseRow, ListParams } from "../../platform/resource.ts";
import { wallClock } from "../../platform/time-zone.ts";
import { contactFiltersSchema } from "../contacts/schema.ts";
import { contactFilterConditions, contactResource } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { type CustomerFilters, customerFiltersSchema } from "../customers/schema.ts";
import { customerFilterConditions, customerResource, requireKnownCustomerFilters } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { listOptionValues } from "../option-lists/service.ts";
import { organizations } from "../organizations/table.ts";
import { users } from "../users/table.ts";
import {
  type CellType,
  contactColumns,
  customColumns,
  customerColumns,
  type ExportColumn,
  exportLanguages,
  pickColumns,
} from "./columns.ts";
import {
  type ColumnKeys,
  contactExportColumn,
  customerExportColumn,
  exportColumnList,
  noSuchColumn,
} from "./schema.ts";
import { contentTypes, csvStream, exportFormats, xlsxStream } from "./write.ts";

const PAGE = 500;
const MAX_IDS = 10_000;

type Lister<Row> = {
  list(db: Database, actor: Actor, params: ListParams): Promise<{ rows: Row[]; nextCursor: string | null }>;
  customObjectType?: string;
};

type ExportTarget<Row extends BaseRow> = {
  name: "customers" | "contacts";
  objectType: "customer" | "contact";
  resource: Lister<Row>;
  idColumn: typeof customers.id | typeof contacts.id;
  columns: ExportColumn<Row>[];
  /** The keys of `columns`, as the OpenAPI enum the web's types are generated from. */
  columnKeys: ColumnKeys;
  filters: z.ZodObject;
  filterConditions: (filters: never, db: Database, actor: Actor) => (SQL | undefined)[] | Promise<(SQL | undefined)[]>;
  sorts: readonly string[];
};

/** The parameters both exports take; `columns` typed by the object's own column keys (schema.ts). */
const common = (columns: ColumnKeys) => ({
  format: z.enum(exportFormats).default("csv"),
  columns: exportColumnList(columns)
    .optional()
    .describe(
      "Column keys (built-in, or custom.<key> of an active custom field) in the order wanted, " +
        "as a list or comma-separated (columns=name,phone): the list's visible columns; all when absent",
    ),
  lang: z
    .enum(exportLanguages)
    .optional()
    .describe("Language of the headers and option labels; from Accept-Language when absent"),
  viewName: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe("The saved view the list shows: its name goes into the file's name"),
});

/** What an export's file is called in each language: 客户-重点客户-2026-11-23.xlsx. */
const objectNames: Record<string, { en: string; "zh-CN": string }> = {
  customers: { en: "customers", "zh-CN": "客户" },
  contacts: { en: "contacts", "zh-CN": "联系人" },
};

/**
 * The Content-Disposition of an export: its name in the reader's language, with the view's name and
 * the organization's date, and a plain ASCII name for clients that read no other. Characters a file
 * system refuses are replaced.
 */
function attachment(object: string, lang: "en" | "zh-CN", format: string, day: string, viewName?: string): string {
  // Also invisible format characters (a right-to-left override would show "exe.xlsx" as "xlsx.exe")
  // and a lone surrogate, which encodeURIComponent cannot encode.
  const safe = (name: string) => name.replace(/[\\/:*?"<>|\p{Cc}\p{Cf}\p{Cs}]/gu, "_");
  const title = [objectNames[object]?.[lang] ?? object, viewName ? safe(viewName) : undefined, day];
  const name = `${title.filter(Boolean).join("-")}.${format}`;
  // RFC 5987: encodeURIComponent leaves ' ( ) * as they are, which the header's syntax does not allow.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${object}-${day}.${format}"; filename*=UTF-8''${encoded}`;
}

/**
 * The instant a cell holds, to be written on the organization's clock: a built-in time (a Date), or
 * a custom date-time field's value (stored as UTC ISO text). A text that reads as no time stays text.
 */
function asTime(value: unknown, type: CellType | undefined): Date | undefined {
  if (value instanceof Date) return value;
  if (type !== "dateTime" || typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Pages through what the list would show, so memory holds one page, not the whole export. */
async function* allRows<Row>(db: Database, actor: Actor, lister: Lister<Row>, params: Omit<ListParams, "limit">) {
  let cursor: string | undefined;
  do {
    const page = await lister.list(db, actor, { ...params, cursor, limit: PAGE });
    yield* page.rows;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function sendExport<Row extends BaseRow>(
  db: Database,
  req: FastifyRequest,
  reply: FastifyReply,
  target: ExportTarget<Row>,
  opts: {
    format: "csv" | "xlsx";
    columns?: string[];
    lang?: string;
    viewName?: string;
    params: Omit<ListParams, "limit">;
  },
) {
  const actor = actorOf(req);
  requirePermission(actor, target.name, "export");
  const fields = target.resource.customObjectType
    ? (await loadCustomFields(db, actor.organizationId, target.objectType)).filter((f) => f.state === "active")
    : [];
  const userNames = fields.some((f) => f.type === "user")
    ? new Map(
        (
          await db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(eq(users.organizationId, actor.organizationId))
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  const available = [...target.columns, ...customColumns<Row>(fields, userNames)];
  const unknown = opts.columns?.filter((k) => !available.some((c) => c.key === k)) ?? [];
  // The schema let through only built-in keys and custom.<key>: here, a field this organization has not (active).
  if (unknown.length > 0) throw validationFailed("columns", noSuchColumn(unknown));
  const columns = pickColumns(available, opts.columns);
  const lang = requestLocale(req, opts.lang);
  const labels = new Map(
    (await listOptionValues(db, actor.organizationId)).map((v) => [
      `${v.listKey}:${v.key}`,
      lang === "en" ? v.labelEn : v.labelZh,
    ]),
  );
  const [organization] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, actor.organizationId));
  const localTime = wallClock(organization?.timeZone ?? "UTC");
  const show = (column: ExportColumn<Row>, row: Row) => {
    const label = (key: unknown) => {
      const fixed = column.labels?.[String(key)];
      if (fixed) return lang === "en" ? fixed[0] : fixed[1];
      return column.optionList ? (labels.get(`${column.optionList}:${key}`) ?? key) : key;
    };
    const value = column.value(row);
    const time = asTime(value, column.type);
    if (time) return localTime(time);
    return Array.isArray(value) ? value.map(label) : label(value);
  };
  // The first page is read before answering, so a refusal (scope, permission) is a clean 4xx.
  const rows = allRows(db, actor, target.resource, opts.params);
  const first = await rows.next();
  async function* cells() {
    if (!first.done) yield columns.map((c) => show(c, first.value));
    for await (const row of rows) yield columns.map((c) => show(c, row));
  }
  const header = columns.map((c) => (lang === "en" ? c.en : c.zh));
  const today = localTime(new Date()).toISOString().slice(0, 10);
  const body =
    opts.format === "csv"
      ? csvStream(header, cells())
      : xlsxStream(
          objectNames[target.name]?.[lang] ?? target.name,
          columns.map((c, i) => ({ header: header[i] ?? c.key, type: c.type })),
          cells(),
        );
  return reply
    .header("content-type", contentTypes[opts.format])
    .header("content-disposition", attachment(target.name, lang, opts.format, today, opts.viewName))
    .send(body);
}

function registerExport<Row extends BaseRow>(app: FastifyInstance, db: Database, target: ExportTarget<Row>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = `/api/v1/exports/${target.name}`;
  const tags = ["Exports"];
  const sortValues = target.sorts.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  const query = target.filters.extend({
    ...common(target.columnKeys),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(sortValues).default("-updatedAt"),
  });
  const file = z
    .string()
    .describe("CSV (UTF-8 with BOM) or XLSX; cells a spreadsheet would run as a formula start with '");

  r.get(path, {
    schema: {
      tags,
      description: `The ${target.name} the list's filters, search and sort select (what the list view shows), as a file`,
      querystring: target.resource.customObjectType ? withCustomFieldParams(query, sortValues) : query,
      response: { 200: file, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { format, columns, lang, viewName, q, sort, ...filters } = req.query as Record<string, unknown> & {
        format: "csv" | "xlsx";
        columns?: string[];
        lang?: string;
        viewName?: string;
        q?: string;
        sort: string;
      };
      const conditions = await target.filterConditions(filters as never, db, actorOf(req));
      const custom = customQueryParams(filters);
      return sendExport(db, req, reply, target, {
        format,
        columns,
        lang,
        viewName,
        params: { q: q || undefined, sort, conditions, custom },
      });
    },
  });

  r.post(`${path}/selected`, {
    schema: {
      tags,
      description: `The ${target.name} with these ids (those you may see), as a file: "export selected"`,
      body: z.strictObject({ ...common(target.columnKeys), ids: z.array(z.uuid()).min(1).max(MAX_IDS) }),
      response: { 200: file, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { format, columns, lang, viewName, ids } = req.body;
      const conditions = [inArray(target.idColumn, ids)];
      const params = { sort: "name", conditions };
      return sendExport(db, req, reply, target, { format, columns, lang, viewName, params });
    },
  });
}

export function exportRoutes(app: FastifyInstance, db: Database): void {
  registerExport(app, db, {
    name: "customers",
    objectType: "customer",
    resource: customerResource,
    idColumn: customers.id,
    columns: customerColumns,
    columnKeys: customerExportColumn,
    filters: customerFiltersSchema,
    filterConditions: (async (filters: CustomerFilters, db: Database, actor: Actor) => {
      await requireKnownCustomerFilters(db, actor, filters);
      return customerFilterConditions(filters);
    }) as ExportTarget<never>["filterConditions"],
    sorts: ["name", "createdAt", "updatedAt", "lastFollowUpAt", "nextFollowUpAt"],
  });
  registerExport(app, db, {
    name: "contacts",
    objectType: "contact",
    resource: contactResource,
    idColumn: contacts.id,
    columns: contactColumns,
    columnKeys: contactExportColumn,
    filters: contactFiltersSchema,
    filterConditions: contactFilterConditions as ExportTarget<never>["filterConditions"],
    sorts: ["name", "createdAt", "updatedAt"],
  });
}
