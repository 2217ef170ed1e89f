import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { CustomFieldDefinition } from "../../platform/custom-fields/index.ts";
import { holdersOfValues, lockUniqueValues } from "../../platform/custom-fields/unique.ts";
import type { Executor } from "../../platform/db/client.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { type Actor, can } from "../../platform/permissions.ts";
import type { ContactCreate } from "../contacts/schema.ts";
import { contactResource } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { findDuplicates } from "../duplicates/matcher.ts";
import { organizations } from "../organizations/table.ts";
import { users } from "../users/table.ts";
import { activeCustomFields, checkCustomValues, type ReadContext } from "./custom.ts";
import { loadOptionResolver } from "./options.ts";
import { type FileEncoding, readTable, type Table } from "./read-file.ts";
import { type CheckedRow, checkRow, identityKeys, type RowProblem } from "./rows.ts";
import type { ColumnMapping, ImportObjectType, ImportOptions } from "./table.ts";

/** What the import will do with one row. */
export type PlannedRow = CheckedRow & {
  action: "create" | "update" | "skip" | "error";
  /** The existing record an "update" changes. */
  targetId?: string;
  /** Who a created record will belong to, when the file names someone the importer may give it to. */
  owner?: { id: string; name: string; departmentId: string | null };
  message?: string;
  /** A contact's company that is no customer yet, created by the run (the import's option). */
  newCustomer?: string;
  /** The row's custom values that are right, even in a row with errors: uniqueness is checked on them too. */
  customValues: Record<string, unknown>;
};

export type ImportPlan = {
  table: Table;
  rows: PlannedRow[];
  newTags: string[];
  /** Companies the contacts name that the run creates as customers, each once (in the file's spelling first seen). */
  newCustomers: string[];
  /** Takes the locks of a chunk's unique custom values and checks them again, in the chunk's transaction. */
  lockUniqueValues: (tx: Executor, rows: PlannedRow[]) => Promise<void>;
};

/**
 * When a plan is made: for the check, before anything is written, or for the run, whose report keeps
 * its notes. A note that tells what becomes of a row says it in the tense of that moment.
 */
export type PlanStage = "check" | "run";

const fates = {
  check: {
    asYours: "will be imported as yours",
    withoutCompany: "will be imported without it",
    newCustomer: "will be created as yours with the import",
  },
  run: {
    asYours: "imported as yours",
    withoutCompany: "imported without it",
    newCustomer: "created as yours with the import",
  },
} as const satisfies Record<PlanStage, Record<string, string>>;

/**
 * A plan's notes told at a stage: every note of a row's fate ends with the fate. A check's fate ends
 * with the run's ("will be imported as yours"), so it is looked for first.
 */
export function toldAt(plan: ImportPlan, stage: PlanStage): void {
  const kinds = Object.keys(fates.run) as (keyof typeof fates.run)[];
  const retell = (note: string) => {
    for (const kind of kinds) {
      const told = (["check", "run"] as const).find((at) => note.endsWith(fates[at][kind]));
      if (told) return note.slice(0, -fates[told][kind].length) + fates[stage][kind];
    }
    return note;
  };
  for (const row of plan.rows) row.warnings = row.warnings.map(retell);
}

/** A contact's note that its company is a customer the run creates; the run takes it back when the customer is refused. */
export const newCustomerNote = (name: string, stage: PlanStage) =>
  `company "${name}" is no customer yet: ${fates[stage].newCustomer}`;

export const moduleOf = (objectType: ImportObjectType) => (objectType === "customer" ? "customers" : "contacts");
export const tableOf = (objectType: ImportObjectType) => (objectType === "customer" ? customers : contacts);
const resourceOf = (objectType: ImportObjectType) => (objectType === "customer" ? customerResource : contactResource);

/** The file's encoding as recorded at upload ("xlsx" is told apart by its bytes again). */
export const storedEncoding = (encoding: string): FileEncoding =>
  encoding === "utf-8" || encoding === "gb18030" ? encoding : "auto";

/** The file's header of the column mapped to a target: what problems name. */
type HeaderOf = (target: string) => string;

const errorRow = (row: PlannedRow, problem: RowProblem) =>
  Object.assign(row, { action: "error", errors: [...row.errors, problem], input: undefined, targetId: undefined });

/** Rows that repeat an earlier row: the same values are skipped, the same identity with other values is an error. */
function markRepeats(objectType: ImportObjectType, rows: PlannedRow[], headerOf: HeaderOf): void {
  const firstByKey = new Map<string, PlannedRow>();
  for (const row of rows) {
    if (!row.input) continue;
    for (const { key, target } of identityKeys(objectType, row.input)) {
      const earlier = firstByKey.get(key);
      if (!earlier) {
        firstByKey.set(key, row);
        continue;
      }
      const same = JSON.stringify(earlier.input) === JSON.stringify(row.input);
      if (same) Object.assign(row, { action: "skip", message: `same as row ${earlier.rowNumber}` });
      else {
        const column = headerOf(target);
        errorRow(row, {
          field: column,
          message: `same ${column} as row ${earlier.rowNumber}: a duplicate row in the file`,
        });
      }
      break;
    }
  }
}

/**
 * Links each contact to the one visible customer with its company's name; with `createMissing`, a
 * name no visible customer has is a customer the run creates.
 */
async function linkCustomers(
  db: Executor,
  actor: Actor,
  rows: PlannedRow[],
  createMissing: boolean,
  stage: PlanStage,
): Promise<void> {
  const wanted = rows.filter((r) => r.input && r.customerName);
  if (wanted.length === 0) return;
  const names = [...new Set(wanted.map((r) => (r.customerName ?? "").toLowerCase()))];
  const found = can(actor, "customers", "view")
    ? await db
        .select({ id: customers.id, name: sql<string>`lower(${customers.name})` })
        .from(customers)
        .where(and(customerResource.visibleCondition(actor), inArray(sql`lower(${customers.name})`, names)))
    : [];
  const idsByName = new Map<string, string[]>();
  for (const c of found) idsByName.set(c.name, [...(idsByName.get(c.name) ?? []), c.id]);
  for (const row of wanted) {
    const ids = idsByName.get((row.customerName ?? "").toLowerCase()) ?? [];
    if (ids.length === 1) (row.input as ContactCreate).customerId = ids[0];
    else if (ids.length === 0 && createMissing) {
      row.newCustomer = row.customerName;
      row.warnings.push(newCustomerNote(row.customerName ?? "", stage));
    } else
      row.warnings.push(
        `company "${row.customerName}" is not one customer you can see: ${fates[stage].withoutCompany}`,
      );
  }
}

/**
 * Gives each row the owner its file names, by e-mail or by name (a name two users share names no
 * one), when the importer may give records away ("transfer"). Otherwise the record is the
 * importer's, with a warning. Only created records take it: an update never changes an owner,
 * which needs a reason (a transfer).
 */
async function assignOwners(
  db: Executor,
  actor: Actor,
  objectType: ImportObjectType,
  rows: PlannedRow[],
  stage: PlanStage,
) {
  // Rows with errors too: the user fixes all of a row's problems in one go.
  const wanted = rows.filter((r) => r.ownerName);
  if (wanted.length === 0) return;
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.organizationId, actor.organizationId), eq(users.active, true)));
  const byKey = new Map<string, (typeof people)[number] | null>();
  for (const person of people) {
    const name = person.name.trim().toLowerCase();
    byKey.set(name, byKey.has(name) ? null : person);
  }
  for (const person of people) byKey.set(person.email.toLowerCase(), person);
  const mayGive = can(actor, moduleOf(objectType), "transfer");
  for (const row of wanted) {
    const named = (row.ownerName ?? "").trim();
    const owner = byKey.get(named.toLowerCase());
    const asYours = fates[stage].asYours;
    if (!owner) row.warnings.push(`owner "${named}" is not one active user: ${asYours}`);
    else if (owner.id !== actor.userId && !mayGive)
      row.warnings.push(`owner "${named}": giving records to others needs the transfer permission; ${asYours}`);
    else row.owner = { id: owner.id, name: owner.name, departmentId: owner.departmentId };
  }
}

type Matching = { candidates: PlannedRow[]; matches: Promise<Map<number, string[]>> };

/**
 * Starts matching the rows still to create with existing records: the database works on it while
 * the plan goes on in Node (repeats within the file, owners), which leaves a row's matched values as
 * they are.
 */
function startMatching(
  db: Executor,
  actor: Actor,
  objectType: ImportObjectType,
  rows: PlannedRow[],
  mode: ImportOptions["duplicates"],
): Matching | undefined {
  if (mode === "create") return undefined;
  const candidates = rows.filter((r) => r.action === "create");
  const drafts = candidates.map((r) => r.input as NonNullable<CheckedRow["input"]>);
  const matches = findDuplicates(db, actor.organizationId, objectType, drafts);
  // Awaited by matchExisting; a failure before then must not surface as an unhandled rejection.
  matches.catch(() => undefined);
  return { candidates, matches };
}

/**
 * Applies the duplicate choice to rows that match existing records and are still to be created. A
 * match the importer may not see is named only by its owner (decision 0007); one they may see but
 * not edit is skipped.
 */
async function matchExisting(
  db: Executor,
  actor: Actor,
  objectType: ImportObjectType,
  matching: Matching | undefined,
  mode: ImportOptions["duplicates"],
): Promise<void> {
  if (!matching) return;
  const matches = await matching.matches;
  const candidates = matching.candidates;
  const matchedIds = [...new Set([...matches.values()].map((ids) => ids[0] as string))];
  const t = tableOf(objectType);
  const module = moduleOf(objectType);
  const mayView = can(actor, module, "view");
  const mayEdit = mode === "update" && mayView && can(actor, module, "edit");
  const flag = (condition: SQL | undefined) => sql<boolean>`coalesce((${condition ?? sql`true`}), false)`;
  const found =
    matchedIds.length > 0
      ? await db
          .select({
            id: t.id,
            name: t.name,
            ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${t.ownerId})`,
            visible: mayView ? flag(resourceOf(objectType).visibleCondition(actor)) : sql<boolean>`false`,
            writable: mayEdit ? flag(resourceOf(objectType).writableCondition(actor)) : sql<boolean>`false`,
          })
          .from(t)
          .where(inArray(t.id, matchedIds))
      : [];
  const byId = new Map(found.map((r) => [r.id as string, r]));
  const updating = new Set<string>();
  candidates.forEach((row, i) => {
    const target = matches.get(i)?.[0];
    const match = target && byId.get(target);
    if (!target || !match || row.action !== "create") return;
    if (!match.visible) {
      const message = match.ownerName
        ? `matches a record of ${match.ownerName} that you may not see`
        : "matches a record you may not see";
      Object.assign(row, { action: "skip", message });
      return;
    }
    // Named so the user knows it without looking the id up; the id tells apart records of one name.
    const named = `matches "${match.name}" (${target})`;
    if (mode === "skip") Object.assign(row, { action: "skip", targetId: target, message: named });
    else if (!match.writable) Object.assign(row, { action: "skip", message: `${named}, a record you may not edit` });
    else if (updating.has(target))
      Object.assign(row, { action: "skip", message: `${named}, already updated by an earlier row` });
    else {
      updating.add(target);
      Object.assign(row, { action: "update", targetId: target });
    }
  });
}

/**
 * A unique custom field's value belongs to one live record at most, as the API's create and update
 * hold it: a row giving a value another record holds, or one an earlier row of the file gives, is an
 * error naming the column. A row with other errors is told too, so its problems come at once; it
 * holds no value for the rows after it. Writing a chunk runs it again under the values' locks
 * (`lock`), so a record given the same value between the plan and the write cannot slip through.
 */
async function checkUniqueValues(
  db: Executor,
  actor: Actor,
  objectType: ImportObjectType,
  fields: CustomFieldDefinition[],
  rows: PlannedRow[],
  headerOf: HeaderOf,
  lock = false,
): Promise<void> {
  const writes = (r: PlannedRow) => r.action === "create" || r.action === "update";
  for (const field of fields.filter((f) => f.unique)) {
    const cellOf = (row: PlannedRow) => row.customValues[field.key];
    const checked = rows.filter((r) => (writes(r) || (!lock && r.action === "error")) && cellOf(r) != null);
    if (lock)
      await lockUniqueValues(
        db,
        actor.organizationId,
        field,
        checked.map((r) => String(cellOf(r))),
      );
    const holdersOf = await holdersOfValues(
      db,
      actor.organizationId,
      tableOf(objectType),
      field,
      checked.map((r) => String(cellOf(r))),
    );
    const column = headerOf(`custom.${field.key}`);
    const firstRowOf = new Map<string, number>();
    for (const row of checked) {
      const text = String(cellOf(row));
      const earlier = firstRowOf.get(text);
      if ((holdersOf.get(text) ?? []).some((id) => id !== row.targetId))
        errorRow(row, { field: column, message: "is already used by another record" });
      else if (earlier !== undefined)
        errorRow(row, { field: column, message: `same ${column} as row ${earlier}: a duplicate row in the file` });
      else if (writes(row)) firstRowOf.set(text, row.rowNumber);
    }
  }
}

/**
 * Reads the file and decides every row's fate, without writing: the dry run (`stage` "check"), and
 * the run's first step ("run", its notes go to the report).
 */
export async function planImport(
  db: Executor,
  actor: Actor,
  batch: { objectType: ImportObjectType; file: Buffer; encoding: string },
  mapping: ColumnMapping,
  options: ImportOptions,
  locale: Locale = "en",
  stage: PlanStage = "check",
): Promise<ImportPlan> {
  const table = await readTable(batch.file, storedEncoding(batch.encoding));
  const resolver = await loadOptionResolver(db, actor.organizationId, batch.objectType, locale);
  const fields = await activeCustomFields(db, actor.organizationId, batch.objectType);
  const [organization] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, actor.organizationId));
  const context: ReadContext = { locale, timeZone: organization?.timeZone ?? "UTC" };
  const headerOf: HeaderOf = (target) =>
    table.headers[Number(Object.keys(mapping).find((i) => mapping[i] === target))] ?? target;
  const rows: PlannedRow[] = table.rows.map((cells, i) => {
    const checked = checkRow(
      batch.objectType,
      table.headers,
      mapping,
      cells,
      i + 2,
      resolver,
      locale,
      table.cellProblems?.get(i),
    );
    const readWarning = table.rowWarnings?.get(i);
    if (readWarning) checked.warnings.unshift(readWarning);
    // Checked whatever else the row has wrong: every problem of a row is told in one check.
    const custom = checkCustomValues(fields, checked.customCells, context);
    checked.errors.push(...custom.problems.map((p) => ({ field: headerOf(`custom.${p.key}`), message: p.message })));
    if (custom.problems.length > 0) checked.input = undefined;
    else if (checked.input && Object.keys(custom.values).length > 0) checked.input.custom = custom.values;
    return { ...checked, customValues: custom.values, action: checked.input ? "create" : "error" };
  });
  const mayAddTags = can(actor, "tags", "create");
  for (const row of rows) {
    if (row.newTags.length > 0 && !mayAddTags) {
      errorRow(row, {
        field: headerOf("tags"),
        message: `${row.newTags.join(", ")}: not in the list, and you may not add tags`,
      });
    }
  }
  const matching = startMatching(db, actor, batch.objectType, rows, options.duplicates);
  markRepeats(batch.objectType, rows, headerOf);
  const createMissing = batch.objectType === "contact" && options.createCustomers === true;
  if (batch.objectType === "contact") await linkCustomers(db, actor, rows, createMissing, stage);
  await assignOwners(db, actor, batch.objectType, rows, stage);
  await matchExisting(db, actor, batch.objectType, matching, options.duplicates);
  await checkUniqueValues(db, actor, batch.objectType, fields, rows, headerOf);
  const newTags = [
    ...new Set(rows.filter((r) => r.action === "create" || r.action === "update").flatMap((r) => r.newTags)),
  ];
  const newCustomers = new Map<string, string>();
  for (const row of rows) {
    const name = row.newCustomer;
    if (name && (row.action === "create" || row.action === "update") && !newCustomers.has(name.toLowerCase()))
      newCustomers.set(name.toLowerCase(), name);
  }
  return {
    table,
    rows,
    newTags,
    newCustomers: [...newCustomers.values()],
    lockUniqueValues: (tx, chunk) => checkUniqueValues(tx, actor, batch.objectType, fields, chunk, headerOf, true),
  };
}
