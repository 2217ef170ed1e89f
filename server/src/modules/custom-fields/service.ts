import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { pinyin } from "pinyin-pro";
import { diffRecords, writeAudit } from "../../platform/audit.ts";
import { invalidateCustomFields } from "../../platform/custom-fields/index.ts";
import { indexStatuses, scheduleFieldSync } from "../../platform/custom-fields/indexes.ts";
import { valueExpression } from "../../platform/custom-fields/query.ts";
import { customObjects } from "../../platform/custom-fields/registry.ts";
import { type CustomFieldOption, type CustomFieldRow, customFields } from "../../platform/custom-fields/table.ts";
import { uniqueKey } from "../../platform/custom-fields/unique.ts";
import type { Database, Executor, Transaction } from "../../platform/db/client.ts";
import { AppError, forbidden, notFound, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { keyWords } from "../../platform/text.ts";
import { builtInHeaders } from "../exports/columns.ts";
import { organizations } from "../organizations/table.ts";
import type { CustomFieldApi, CustomFieldCreate, CustomFieldUpdate } from "./schema.ts";

const choiceTypes = new Set(["singleChoice", "multiChoice"]);
/** Types whose values cannot sensibly be unique. */
const notUniqueTypes = new Set(["longText", "multiChoice", "checkbox"]);
const audited = ["key", "type", "label", "options", "currency", "required", "unique", "indexed", "state"] as const;

function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden("Only administrators may change custom fields");
}

function requireObject(objectType: string) {
  const object = customObjects().get(objectType);
  if (!object) {
    const known = [...customObjects().keys()].join(", ");
    throw validationFailed("objectType", `must be one of ${known}`);
  }
  return object;
}

/** Rules a definition obeys whatever changed: options only on choices, unique only where it means something. */
function checkDefinition(field: Pick<CustomFieldRow, "type" | "options" | "unique" | "currency">): void {
  const isChoice = choiceTypes.has(field.type);
  if (isChoice && field.options.filter((o) => !o.archived).length === 0)
    throw validationFailed("options", "a choice field needs at least one option");
  if (!isChoice && field.options.length > 0) throw validationFailed("options", "only choice fields have options");
  const keys = field.options.map((o) => o.key);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated) throw validationFailed("options", `option ${repeated} appears twice`);
  if (field.unique && notUniqueTypes.has(field.type))
    throw validationFailed("unique", `a ${field.type} field cannot be unique`);
  if (field.currency && field.type !== "money") throw validationFailed("currency", "only money fields have a currency");
  if (field.currency && !Intl.supportedValuesOf("currency").includes(field.currency))
    throw validationFailed("currency", `${field.currency} is not an ISO 4217 currency`);
}

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A field's label names one column in forms, lists, exports and import mappings: it may not be a
 * built-in field's header or another field's label of the same object, in either language.
 */
async function checkLabel(
  tx: Executor,
  actor: Actor,
  field: Pick<CustomFieldRow, "objectType" | "label">,
  id: string | null,
): Promise<void> {
  const others = await tx
    .select({ label: customFields.label })
    .from(customFields)
    .where(
      and(
        eq(customFields.organizationId, actor.organizationId),
        eq(customFields.objectType, field.objectType),
        ne(customFields.state, "purged"),
        id ? ne(customFields.id, id) : undefined,
      ),
    );
  for (const language of ["en", "zh-CN"] as const) {
    const label = field.label[language];
    const path = `label.${language}`;
    if (builtInHeaders(field.objectType).some((h) => sameLabel(h, label)))
      throw new AppError("conflict", `${path}: ${label} is the name of a built-in field`, [
        { path, message: "is the name of a built-in field" },
      ]);
    if (others.some((o) => sameLabel(o.label[language], label)))
      throw new AppError("conflict", `${path}: ${label} is the label of another field`, [
        { path, message: "is the label of another field" },
      ]);
  }
}

export function customFieldToApi(row: CustomFieldRow, indexStatus: CustomFieldApi["indexStatus"]): CustomFieldApi {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    objectType: row.objectType,
    key: row.key,
    type: row.type,
    label: row.label,
    options: row.options.map((o) => ({ ...o, archived: o.archived ?? false })),
    currency: row.currency,
    required: row.required,
    unique: row.unique,
    indexed: row.indexed,
    position: row.position,
    state: row.state === "archived" ? "archived" : "active",
    indexStatus,
  };
}

export async function withIndexStatus(db: Executor, rows: CustomFieldRow[]): Promise<CustomFieldApi[]> {
  const statuses = await indexStatuses(db, rows);
  return rows.map((row) => customFieldToApi(row, statuses.get(row.id) ?? "none"));
}

/** Every signed-in user reads the definitions: forms and lists are built from them. */
export async function listCustomFields(
  db: Executor,
  actor: Actor,
  query: { objectType?: string; archived?: boolean },
): Promise<CustomFieldRow[]> {
  if (query.objectType) requireObject(query.objectType);
  return db
    .select()
    .from(customFields)
    .where(
      and(
        eq(customFields.organizationId, actor.organizationId),
        query.objectType ? eq(customFields.objectType, query.objectType) : undefined,
        query.archived ? ne(customFields.state, "purged") : eq(customFields.state, "active"),
      ),
    )
    .orderBy(asc(customFields.objectType), asc(customFields.position), asc(customFields.createdAt));
}

async function findField(tx: Executor, actor: Actor, id: string, lock = false): Promise<CustomFieldRow> {
  const query = tx
    .select()
    .from(customFields)
    .where(
      and(
        eq(customFields.id, id),
        eq(customFields.organizationId, actor.organizationId),
        ne(customFields.state, "purged"),
      ),
    );
  const [row] = await (lock ? query.for("update") : query);
  if (!row) throw notFound("Custom field");
  return row;
}

/** Writes the audit entry, schedules the index/value sync, and answers the field as it is now. */
async function recorded(
  tx: Transaction,
  actor: Actor,
  before: CustomFieldRow | null,
  after: CustomFieldRow,
  action: "create" | "update" | "delete" | "restore" | "purge",
) {
  await writeAudit(tx, actor, {
    entityType: "customField",
    entityId: after.id,
    action,
    changes: diffRecords(before, after, audited),
  });
  await scheduleFieldSync(tx, after);
  return after;
}

/** The definition changed: this process forgets its cached copy once the change is committed. */
async function committed<T extends CustomFieldRow>(actor: Actor, work: Promise<T>): Promise<T> {
  const row = await work;
  invalidateCustomFields(actor.organizationId, row.objectType);
  return row;
}

async function baseCurrency(tx: Executor, actor: Actor): Promise<string> {
  const [org] = await tx
    .select({ currency: organizations.baseCurrency })
    .from(organizations)
    .where(eq(organizations.id, actor.organizationId));
  return org?.currency ?? "CNY";
}

/** The keys of an object's fields, deleted ones too: a key is never reused. */
async function takenKeys(tx: Executor, actor: Actor, objectType: string): Promise<Set<string>> {
  const rows = await tx
    .select({ key: customFields.key })
    .from(customFields)
    .where(and(eq(customFields.organizationId, actor.organizationId), eq(customFields.objectType, objectType)));
  return new Set(rows.map((r) => r.key));
}

/**
 * A key for a field created without one: its English label as words joined by _ (when it has a
 * letter), else its Chinese label's pinyin (合同金额: he_tong_jin_e), which a developer reading
 * `custom.<key>` can still say; numbered when taken (_2, _3 …).
 */
async function keyFor(tx: Executor, actor: Actor, input: CustomFieldCreate): Promise<string> {
  const spoken = pinyin(input.label["zh-CN"], { toneType: "none", type: "array", nonZh: "consecutive" }).join(" ");
  const english = keyWords(input.label.en);
  const base = ((/[a-z]/.test(english) ? english : keyWords(spoken)) || "field").slice(0, 36).replace(/_+$/, "");
  const start = /^[a-z]/.test(base) ? base : `f_${base}`.slice(0, 36);
  const taken = await takenKeys(tx, actor, input.objectType);
  for (let n = 1; ; n++) {
    const key = n === 1 ? start : `${start}_${n}`;
    if (!taken.has(key)) return key;
  }
}

export async function createCustomField(tx: Transaction, actor: Actor, given: CustomFieldCreate) {
  requireAdmin(actor);
  requireObject(given.objectType);
  checkDefinition(given);
  await checkLabel(tx, actor, given, null);
  const input = { ...given, key: given.key ?? (await keyFor(tx, actor, given)) };
  const [taken] = await tx
    .select({ state: customFields.state })
    .from(customFields)
    .where(
      and(
        eq(customFields.organizationId, actor.organizationId),
        eq(customFields.objectType, input.objectType),
        eq(customFields.key, input.key),
      ),
    );
  if (taken) {
    const message = taken.state === "purged" ? "belonged to a deleted field and is never reused" : "is taken";
    throw new AppError("conflict", `key ${input.key} ${message}`, [{ path: "key", message }]);
  }
  const [last] = await tx
    .select({ position: sql<number>`coalesce(max(${customFields.position}), -1)` })
    .from(customFields)
    .where(and(eq(customFields.organizationId, actor.organizationId), eq(customFields.objectType, input.objectType)));
  // An amount without its currency is ambiguous: a money field given none holds the organization's.
  const currency = input.type === "money" ? (input.currency ?? (await baseCurrency(tx, actor))) : input.currency;
  const [row] = await tx
    .insert(customFields)
    .values({ ...input, currency, organizationId: actor.organizationId, position: Number(last?.position ?? -1) + 1 })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return recorded(tx, actor, null, row, "create");
}

/** Turning `unique` on needs the live records to hold no value twice already. */
async function requireNoDuplicates(tx: Executor, actor: Actor, field: CustomFieldRow): Promise<void> {
  const t = requireObject(field.objectType).table;
  const text = valueExpression(t, { ...field, type: "text" });
  const key = uniqueKey(field, text);
  const [dup] = await tx
    .select({ value: sql<string>`min(${text})` })
    .from(t)
    .where(and(eq(t.organizationId, actor.organizationId), sql`${t.deletedAt} is null and ${text} is not null`))
    .groupBy(key)
    .having(sql`count(*) > 1`)
    .limit(1);
  if (dup) {
    throw new AppError("conflict", `several records hold ${dup.value}: make them differ first`, [
      { path: "unique", message: `several records hold ${dup.value}` },
    ]);
  }
}

/**
 * A money field's amounts are stored without a currency of their own: changing the field's relabels
 * every one (100 CNY becomes 100 USD), never converts. With records holding amounts, the caller says
 * so on purpose (`relabelAmounts`), else a 409 names how many would change.
 */
async function requireRelabelConsent(tx: Executor, actor: Actor, field: CustomFieldRow, to: string | null) {
  const t = requireObject(field.objectType).table;
  const [held] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(t)
    .where(and(eq(t.organizationId, actor.organizationId), sql`${valueExpression(t, field)} is not null`));
  const count = Number(held?.count ?? 0);
  if (count === 0) return;
  const [from, into] = [field.currency, to];
  throw new AppError(
    "conflict",
    `${count} records hold amounts in ${from}, which would read as ${into} without being converted; send relabelAmounts true to change the currency anyway`,
    [
      {
        path: "currency",
        message: `${count} records hold amounts in ${from}, which would read as ${into} without being converted`,
      },
    ],
  );
}

function keepOptionKeys(before: CustomFieldOption[], after: CustomFieldOption[]): void {
  const kept = new Set(after.map((o) => o.key));
  const removed = before.find((o) => !kept.has(o.key));
  if (removed) throw validationFailed("options", `option ${removed.key} cannot be removed: archive it instead`);
}

export function updateCustomField(db: Database, actor: Actor, id: string, input: CustomFieldUpdate) {
  requireAdmin(actor);
  return committed(
    actor,
    db.transaction(async (tx) => {
      const current = await findField(tx, actor, id, true);
      if (current.version !== input.version) {
        throw new AppError(
          "version_conflict",
          `Custom field was changed by someone else (now version ${current.version})`,
          [{ path: "version", message: `is ${input.version}, current is ${current.version}` }],
        );
      }
      const { version: _, relabelAmounts, ...changes } = input;
      // As on create: a money field's currency taken away falls back to the organization's.
      if (current.type === "money" && changes.currency === null) changes.currency = await baseCurrency(tx, actor);
      const next = { ...current, ...changes };
      checkDefinition(next);
      if (changes.options) keepOptionKeys(current.options, changes.options);
      if (changes.label) await checkLabel(tx, actor, next, current.id);
      if (next.unique && !current.unique) await requireNoDuplicates(tx, actor, current);
      if (current.type === "money" && next.currency !== current.currency && !relabelAmounts) {
        await requireRelabelConsent(tx, actor, current, next.currency);
      }
      if (diffRecords(current, next, audited).length === 0) return current;
      const [row] = await tx
        .update(customFields)
        .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
        .where(eq(customFields.id, id))
        .returning();
      if (!row) throw notFound("Custom field");
      return recorded(tx, actor, current, row, "update");
    }),
  );
}

/** Archive hides a field and keeps its values; restore shows it again; purge removes its values for good. */
export function setCustomFieldState(db: Database, actor: Actor, id: string, state: "active" | "archived" | "purged") {
  requireAdmin(actor);
  return committed(
    actor,
    db.transaction(async (tx) => {
      const current = await findField(tx, actor, id, true);
      if (state === "purged" && current.state !== "archived")
        throw new AppError("conflict", "Archive the field before deleting it", [
          { path: "state", message: "must be archived first" },
        ]);
      if (state === "active" && current.unique) await requireNoDuplicates(tx, actor, current);
      if (current.state === state) return current;
      const [row] = await tx
        .update(customFields)
        .set({
          state,
          archivedAt: state === "active" ? null : (current.archivedAt ?? new Date()),
          version: current.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(customFields.id, id))
        .returning();
      if (!row) throw notFound("Custom field");
      const action = state === "archived" ? "delete" : state === "active" ? "restore" : "purge";
      return recorded(tx, actor, current, row, action);
    }),
  );
}

export async function reorderCustomFields(db: Database, actor: Actor, objectType: string, ids: string[]) {
  requireAdmin(actor);
  requireObject(objectType);
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: customFields.id })
      .from(customFields)
      .where(
        and(
          eq(customFields.organizationId, actor.organizationId),
          eq(customFields.objectType, objectType),
          inArray(customFields.id, ids),
        ),
      );
    if (rows.length !== new Set(ids).size)
      throw validationFailed("ids", `must be ${objectType} fields of this organization`);
    for (const [position, id] of ids.entries()) {
      await tx.update(customFields).set({ position }).where(eq(customFields.id, id));
    }
  });
  invalidateCustomFields(actor.organizationId, objectType);
}
