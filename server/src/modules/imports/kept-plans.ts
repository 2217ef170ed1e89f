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
 * The tables' row counts when a plan began, and the oldest transaction that could still commit
 * after that: a row it or a later one wrote has an xmin from `since` on.
 */
type Stamp = { since: bigint; counts: number[] };

type Kept = { basis: Basis; stamp: Stamp; plan: ImportPlan };

/** How long a plan waits for its run: a check left alone gives its memory back. */
const KEEP_MS = 30 * 60_000;
/** Rows of all kept plans together: a plan of 100,000 rows takes about 90 MB. */
const KEEP_ROWS = 200_000;
const kept = new Map<string, Kept>();

const XID_SPAN = 2n ** 32n;

/** Read before planning: a change committed after this moment has an xmin from `since` on. */
export async function stampOf(db: Executor, organizationId: string): Promise<Stamp> {
  const tables = readTables(organizationId);
  const [row] = await queryRows<{ since: string; counts: number[] }>(
    db,
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as since, array[${sql.join(
      tables.map(({ table, rows }) => sql`(select count(*)::int from ${table} where ${rows})`),
      sql`, `,
    )}] as counts`,
  );
  if (!row) throw new Error("no snapshot");
  return { since: BigInt(row.since), counts: row.counts };
}

/**
 * Whether the tables hold the same rows as when the stamp was taken: as many, and none written
 * since. Transaction ids are compared as PostgreSQL does, modulo 2^32 within half of it (vacuum
 * keeps every live row's xmin within that); a frozen row (xmin 2) was written long before.
 */
async function unchangedSince(db: Executor, organizationId: string, stamp: Stamp): Promise<boolean> {
  const xid = sql`xmin::text::bigint`;
  const span = sql.raw(String(XID_SPAN));
  const written = sql`${xid} >= 3
    and (${xid} - ${sql.raw(String(stamp.since % XID_SPAN))} + ${span}) % ${span} < ${sql.raw(String(XID_SPAN / 2n))}`;
  // One pass over each table: its rows, and how many of them were written since.
  const [row] = await queryRows<{ tallies: [number, number][] }>(
    db,
    sql`select array[${sql.join(
      readTables(organizationId).map(
        ({ table, rows }) =>
          sql`(select array[count(*), count(*) filter (where ${written})]::int[] from ${table} where ${rows})`,
      ),
      sql`, `,
    )}] as tallies`,
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
