import { and, asc, desc, eq, getTableColumns, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type AuditEntry, diffRecords, listAudit, writeAudit } from "./audit.ts";
import type { Database, Executor, Transaction } from "./db/client.ts";
import { AppError, invalidReference, notFound } from "./errors.ts";
import { decodeCursor, encodeCursor, parseSort } from "./http.ts";
import { type Action, type Actor, requirePermission, scopeCondition } from "./permissions.ts";

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

/** The columns a scoped, trashable business table must have. */
export type ResourceTable = PgTable & {
  id: PgColumn;
  organizationId: PgColumn;
  version: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  deletedAt: PgColumn;
  deletedBy: PgColumn;
  ownerId: PgColumn;
  departmentId: PgColumn;
};

export type BaseRow = {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  ownerId: string | null;
  departmentId: string | null;
};

/** A sortable column; `nullable` dates sort their empty values last in either direction. */
export type SortColumn = { column: PgColumn; kind: "string" | "date"; nullable?: boolean };

export type ResourceDefinition<Row extends BaseRow, Create, Update extends { version: number }> = {
  /** Permission module key, e.g. "customers". */
  module: string;
  /** Audit entity type and the word used in messages. */
  entityType: string;
  label: string;
  table: ResourceTable;
  /** Columns the API never shows (search helpers): not read, so not parsed on every row. */
  hiddenColumns?: readonly string[];
  /** Computed values selected with each row, such as the owner's name. */
  extraColumns?: Record<string, SQL.Aliased>;
  auditedFields: readonly (keyof Row & string)[];
  sorts: Record<string, SortColumn>;
  search?: (q: string) => SQL;
  /** A further condition a row must meet to be visible, e.g. that its customer is visible too. */
  visibleWhere?: (actor: Actor) => SQL | undefined;
  /** Turns validated input into column values, checking references the schema cannot. */
  toValues(
    tx: Transaction,
    actor: Actor,
    input: Create | Update,
    current: Row | null,
  ): Promise<Record<string, unknown>>;
};

export type ListParams = {
  q?: string;
  conditions?: (SQL | undefined)[];
  sort: string;
  limit: number;
  cursor?: string;
  deleted?: boolean;
};

/**
 * The platform's CRUD for any scoped business table: every query is limited to the caller's
 * organization and data scope here, so a module's service never sees rows it may not.
 */
export function defineResource<Row extends BaseRow, Create, Update extends { version: number }>(
  def: ResourceDefinition<Row, Create, Update>,
) {
  const t = def.table;
  const shown = Object.entries(getTableColumns(t)).filter(([key]) => !def.hiddenColumns?.includes(key));
  const selection = { ...Object.fromEntries(shown), ...def.extraColumns };

  function visible(actor: Actor, trashed: boolean): SQL | undefined {
    return and(
      eq(t.organizationId, actor.organizationId),
      scopeCondition(actor, def.module, t),
      def.visibleWhere?.(actor),
      trashed ? isNotNull(t.deletedAt) : isNull(t.deletedAt),
    );
  }

  async function find(db: Executor, actor: Actor, id: string, opts: { trashed?: boolean; lock?: boolean } = {}) {
    const query = db
      .select(selection)
      .from(t)
      .where(and(eq(t.id, id), visible(actor, opts.trashed ?? false)));
    const rows = (await (opts.lock ? query.for("update", { of: t }) : query)) as unknown as Row[];
    const row = rows[0];
    if (!row) throw notFound(def.label);
    return row;
  }

  async function list(db: Executor, actor: Actor, params: ListParams) {
    requirePermission(actor, def.module, "view");
    const { field, descending } = parseSort(params.sort);
    const sort = def.sorts[field];
    if (!sort)
      throw new AppError("validation_failed", `cannot sort by ${field}`, [{ path: "sort", message: "unknown field" }]);
    // Keyset paging needs a value on every row: an empty date stands in as the far end.
    const emptyAs = descending ? "-infinity" : "infinity";
    const key = sort.nullable ? sql`coalesce(${sort.column}, ${emptyAs}::timestamptz)` : sql`${sort.column}`;
    let after: SQL | undefined;
    if (params.cursor) {
      const [value, id] = decodeCursor(params.cursor, sort.kind);
      const bound = sort.kind === "date" ? sql`${value}::timestamptz` : sql`${value}`;
      after = descending ? sql`(${key}, ${t.id}) < (${bound}, ${id})` : sql`(${key}, ${t.id}) > (${bound}, ${id})`;
    }
    const order = descending ? [desc(key), desc(t.id)] : [asc(key), asc(t.id)];
    const rows = (await db
      .select(selection)
      .from(t)
      .where(
        and(
          visible(actor, params.deleted ?? false),
          params.q && def.search ? def.search(params.q) : undefined,
          ...(params.conditions ?? []),
          after,
        ),
      )
      .orderBy(...order)
      .limit(params.limit + 1)) as unknown as (Row & Record<string, unknown>)[];
    const page = rows.slice(0, params.limit);
    const last = page.at(-1);
    let nextCursor: string | null = null;
    if (rows.length > params.limit && last) {
      const value = last[field];
      const cursorValue = value instanceof Date ? value.toISOString() : value == null ? emptyAs : String(value);
      nextCursor = encodeCursor(cursorValue, last.id);
    }
    return { rows: page, nextCursor };
  }

  async function get(db: Executor, actor: Actor, id: string): Promise<Row> {
    requirePermission(actor, def.module, "view");
    return find(db, actor, id);
  }

  async function create(tx: Transaction, actor: Actor, input: Create): Promise<Row> {
    requirePermission(actor, def.module, "create");
    const values = await def.toValues(tx, actor, input, null);
    const [inserted] = (await tx
      .insert(t)
      .values({ ...values, organizationId: actor.organizationId } as never)
      .returning({ id: t.id })) as { id: string }[];
    if (!inserted) throw new Error("insert returned no row");
    const row = await find(tx, actor, inserted.id).catch(() => {
      throw new AppError("forbidden", `The new ${def.label.toLowerCase()} would be outside what you may see`);
    });
    await writeAudit(tx, actor, {
      entityType: def.entityType,
      entityId: row.id,
      action: "create",
      // A new record's history lists the fields it was given, not every empty one.
      changes: diffRecords(null, row, def.auditedFields).filter((c) => c.to !== null && !isEmptyList(c.to)),
    });
    return row;
  }

  /** Changes a record at the version the caller saw; a stale version changes nothing and answers 409. */
  async function update(db: Database, actor: Actor, id: string, input: Update): Promise<Row> {
    requirePermission(actor, def.module, "edit");
    return db.transaction(async (tx) => {
      const current = await find(tx, actor, id, { lock: true });
      if (current.version !== input.version) {
        throw new AppError(
          "version_conflict",
          `${def.label} was changed by someone else (now version ${current.version})`,
          [{ path: "version", message: `is ${input.version}, current is ${current.version}` }],
        );
      }
      const values = await def.toValues(tx, actor, input, current);
      const changes = diffRecords(current, { ...current, ...values }, def.auditedFields);
      if (changes.length === 0) return current;
      await tx
        .update(t)
        .set({ ...values, version: sql`${t.version} + 1`, updatedAt: new Date() } as never)
        .where(eq(t.id, id));
      await writeAudit(tx, actor, { entityType: def.entityType, entityId: id, action: "update", changes });
      return find(tx, actor, id);
    });
  }

  async function setTrashed(db: Database, actor: Actor, id: string, trash: boolean): Promise<Row> {
    requirePermission(actor, def.module, "delete");
    return db.transaction(async (tx) => {
      await find(tx, actor, id, { trashed: !trash, lock: true });
      await tx
        .update(t)
        .set({
          deletedAt: trash ? new Date() : null,
          deletedBy: trash ? actor.userId : null,
          version: sql`${t.version} + 1`,
          updatedAt: new Date(),
        } as never)
        .where(eq(t.id, id));
      await writeAudit(tx, actor, { entityType: def.entityType, entityId: id, action: trash ? "delete" : "restore" });
      return find(tx, actor, id, { trashed: trash });
    });
  }

  /** Deletes for good a record already in the trash. */
  async function purge(db: Database, actor: Actor, id: string): Promise<void> {
    requirePermission(actor, def.module, "delete");
    await db.transaction(async (tx) => {
      await find(tx, actor, id, { trashed: true, lock: true });
      await tx.delete(t).where(eq(t.id, id));
      await writeAudit(tx, actor, { entityType: def.entityType, entityId: id, action: "purge" });
    });
  }

  async function history(db: Executor, actor: Actor, id: string, page: { limit: number; cursor?: string }) {
    requirePermission(actor, def.module, "view");
    // In the trash or not, a record the caller may see keeps its history visible.
    await find(db, actor, id).catch(() => find(db, actor, id, { trashed: true }));
    let before: { at: string; id: string } | undefined;
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor, "date");
      before = { at: String(at), id };
    }
    const entries: AuditEntry[] = await listAudit(db, actor.organizationId, def.entityType, id, {
      limit: page.limit + 1,
      before,
    });
    const shown = entries.slice(0, page.limit);
    const last = shown.at(-1);
    const nextCursor = entries.length > page.limit && last ? encodeCursor(last.at.toISOString(), last.id) : null;
    return { entries: shown, nextCursor };
  }

  const can = (actor: Actor, action: Action) => requirePermission(actor, def.module, action);

  /** Another record pointing at one of these: unknown, trashed or out of scope is a 422 on `path`. */
  async function requireReference(db: Executor, actor: Actor, id: string, path: string): Promise<void> {
    const found = await db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.id, id), visible(actor, false)));
    if (found.length === 0) throw invalidReference(path, `is not a ${def.label.toLowerCase()} you can see`);
  }

  return {
    list,
    get,
    create,
    update,
    trash: (db: Database, actor: Actor, id: string) => setTrashed(db, actor, id, true),
    restore: (db: Database, actor: Actor, id: string) => setTrashed(db, actor, id, false),
    purge,
    history,
    requirePermission: can,
    requireReference,
    /** The condition a live record meets when the actor may see it, for other modules' queries. */
    visibleCondition: (actor: Actor) => visible(actor, false),
  };
}
