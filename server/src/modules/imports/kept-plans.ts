import { isDeepStrictEqual } from "node:util";
import { eq, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { customFields } from "../../platform/custom-fields/table.ts";
import { type Executor, queryRows } from "../../platform/db/client.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import type { Actor } from "../../platform/permissions.ts";
import { contacts } from "../contacts/table.ts";
import { customers } from "../customers/table.ts";
import { departments } from "../departments/table.ts";
import { duplicateRules } from "../duplicates/table.ts";
import { optionValues } from "../option-lists/table.ts";
import { organizations } from "../organizations/table.ts";
import { recordShares } from "../sharing/table.ts";
import { users } from "../users/table.ts";
import type { ImportPlan } from "./plan.ts";
import type { ColumnMapping, ImportOptions } from "./table.ts";

/*
 * The dry run's plan, kept in this process for the run that follows it (decision 0011): planning a
 * 100,000-row file again took a quarter of the run. The run takes a kept plan only when planning
 * again would give the same: the same mapping, options, language and importer's rights, and no row
 * added, changed or removed since the plan began in any table a plan reads. Otherwise, or when
 * another process runs the job, the run plans again.
 */

/**
 * Every table planImport reads besides the batch, with the rows of the organization in it:
 * records (duplicates, companies, unique values, who may see what), people and departments
 * (owners, scopes), shares, and the organization's settings (fields, options, rules, time zone).
 * A table a plan comes to read belongs here, or a kept plan could miss its changes.
 */
const readTables = (organizationId: string): { table: PgTable; rows: SQL }[] => [
  ...[customers, contacts, users, departments, recordShares, customFields, optionValues, duplicateRules].map(
    (table) => ({ table, rows: eq(table.organizationId, organizationId) }),
  ),
  { table: organizations, rows: eq(organizations.id, organizationId) },
];

/** What a plan was made for: a kept plan serves a run of the very same. */
type Basis = { actor: Actor; mapping: ColumnMapping; options: ImportOptions; locale: Locale };

/**
 * What the check's first statement saw: each table's rows, and which transactions had committed
 * (those below `next` but the ones `running`), as 32-bit ids, the way rows carry them in `xmin`.
 */
type Stamp = { next: bigint; running: bigint[]; counts: number[] };

type Kept = { basis: Basis; stamp: Stamp; plan: ImportPlan };

/** How long a plan waits for its run: a check left alone gives its memory back. */
const KEEP_MS = 30 * 60_000;
/** Rows of all kept plans together: a plan of 100,000 rows takes about 90 MB. */
const KEEP_ROWS = 200_000;
const kept = new Map<string, Kept>();

const XID_SPAN = 2n ** 32n;
/** An array of one value per table a plan reads, from `select` over the organization's rows in it. */
const perTable = (organizationId: string, select: (from: SQL) => SQL) =>
  sql`array[${sql.join(
    readTables(organizationId).map(({ table, rows }) => sql`(${select(sql`from ${table} where ${rows}`)})`),
    sql`, `,
  )}]`;

/** Taken before planning, in one statement: its snapshot is the one the counts were made in. */
export async function stampOf(db: Executor, organizationId: string): Promise<Stamp> {
  const [row] = await queryRows<{ next: string; running: string[]; counts: number[] }>(
    db,
    sql`select pg_snapshot_xmax(s)::text as next, array(select pg_snapshot_xip(s)::text) as running,
          ${perTable(organizationId, (from) => sql`select count(*)::int ${from}`)} as counts
        from pg_current_snapshot() as s`,
  );
  if (!row) throw new Error("no snapshot");
  const xid = (text: string) => BigInt(text) % XID_SPAN;
  return { next: xid(row.next), running: row.running.map(xid), counts: row.counts };
}

/**
 * Whether the tables hold the same rows as at the stamp: as many, and none written by a transaction
 * that had not committed then. Transaction ids compare as PostgreSQL compares them, modulo 2^32 within
 * half of it (vacuum freezes rows before their xmin is that old). A row frozen very long ago may look
 * new: the run then only plans again.
 */
async function unchangedSince(db: Executor, organizationId: string, stamp: Stamp): Promise<boolean> {
  const xid = sql`xmin::text::bigint`;
  const span = sql.raw(String(XID_SPAN));
  const next = sql.raw(String(stamp.next));
  const running = stamp.running.length
    ? sql`or ${xid} = any(${sql.param(stamp.running.map(String))}::bigint[])`
    : sql``;
  // Ids 0–2 are special (invalid, bootstrap, frozen), never a transaction's.
  const written = sql`${xid} >= 3 and ((${xid} - ${next} + ${span}) % ${span} < ${sql.raw(String(XID_SPAN / 2n))} ${running})`;
  // One pass over each table: its rows, and how many of them were written since.
  const [row] = await queryRows<{ tallies: [number, number][] }>(
    db,
    sql`select ${perTable(
      organizationId,
      (from) => sql`select array[count(*), count(*) filter (where ${written})]::int[] ${from}`,
    )} as tallies`,
  );
  if (!row) return false;
  return row.tallies.every(([rows, writtenSince], i) => rows === stamp.counts[i] && writtenSince === 0);
}

/** As stored: the run reads mapping and options back from JSON, without keys left undefined. */
const asStored = (basis: Basis): Basis => ({
  ...basis,
  mapping: JSON.parse(JSON.stringify(basis.mapping)),
  options: JSON.parse(JSON.stringify(basis.options)),
});

/** Keeps a dry run's plan for its batch's run, in place of one kept before. */
export function keepPlan(batchId: string, basis: Basis, stamp: Stamp, plan: ImportPlan): void {
  kept.delete(batchId);
  if (plan.rows.length > KEEP_ROWS) return;
  // The oldest plans go when the new one would not fit beside them.
  let rows = plan.rows.length;
  for (const [id, entry] of [...kept].reverse()) {
    rows += entry.plan.rows.length;
    if (rows > KEEP_ROWS) kept.delete(id);
  }
  const entry = { basis: asStored(basis), stamp, plan };
  kept.set(batchId, entry);
  setTimeout(() => {
    if (kept.get(batchId) === entry) kept.delete(batchId);
  }, KEEP_MS).unref();
}

/** The batch's kept plan, taken (a retried run plans again), when it is what planning again would give. */
export async function takePlan(db: Executor, batchId: string, basis: Basis): Promise<ImportPlan | undefined> {
  const entry = kept.get(batchId);
  kept.delete(batchId);
  if (!entry || !isDeepStrictEqual(entry.basis, asStored(basis))) return undefined;
  return (await unchangedSince(db, basis.actor.organizationId, entry.stamp)) ? entry.plan : undefined;
}
