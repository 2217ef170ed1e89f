import { and, asc, desc, eq, getTableColumns, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type AuditEntry, diffRecords, listAudit, writeAudit } from "./audit.ts";
import { customFieldsHook } from "./custom-fields/hook.ts";
import type { Database, Executor, Transaction } from "./db/client.ts";
import { AppError, forbidden, invalidReference, notFound, validationFailed } from "./errors.ts";
import { decodeCursor, encodeCursor, parseSort } from "./http.ts";
import {
  type Access,
  type Action,
  type Actor,
  requirePermission,
  type SharedThrough,
  scopeCondition,
} from "./permissions.ts";
import { releaseReferences } from "./references.ts";

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
  /** Adjusts rows to the caller before they are shown, e.g. hides what of another record they may not see. */
  present?: (db: Executor, actor: Actor, rows: Row[]) => Promise<Row[]>;
  auditedFields: readonly (keyof Row & string)[];
  sorts: Record<string, SortColumn>;
  search?: (q: string) => SQL;
  /**
   * Replaces the module's data scope: for a view not bounded by owners (the public pool), or one
   * that widens it (tasks: also those the caller created). `access` is "write" for changes.
   */
  scope?: (actor: Actor, access: Access) => SQL | undefined;
  /** A further condition a row must meet to be visible, e.g. that its customer is visible too. */
  visibleWhere?: (actor: Actor) => SQL | undefined;
  /** The parent whose team members see these records too (contacts and follow-ups: their customer). */
  sharedThrough?: SharedThrough;
  /**
   * Opts in to admin-defined custom fields under this object type (e.g. "customer"): the table needs a
   * `custom` jsonb column and the schemas a `custom` object (custom-fields/schema.ts).
   */
  customFields?: string;
  /**
   * The owner changes only through the object's own actions, which record a reason (customers:
   * transfer and release to the pool): an update naming another owner is refused, unless the
   * caller says otherwise (a merge, which is its own record).
   */
  ownerChangeByAction?: true;
  /**
   * Turns validated input into column values, checking references the schema cannot. A value one of
   * `heldBy` holds counts as held by `current` (a merge: the merged records; see update).
   */
  toValues(
    tx: Transaction,
    actor: Actor,
    input: Create | Update,
    current: Row | null,
    heldBy: readonly Row[],
  ): Promise<Record<string, unknown>>;
};

/** Which rows a list shows, whatever its sort and page. */
export type MatchParams = {
  q?: string;
  conditions?: (SQL | undefined)[];
  deleted?: boolean;
  /** Custom field filters, the raw `custom.<key>[op]` query parameters. */
  custom?: Record<string, string | string[]>;
  /** "write": only the records the caller may change (a bulk change of all that match). */
  access?: Access;
};

export type ListParams = MatchParams & { sort: string; limit: number; cursor?: string };

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
  const custom = def.customFields ? customFieldsHook(def.customFields, t) : undefined;
  /** A row as the API shows it (custom fields' values filtered). */
  const present = async <R extends Row>(db: Executor, actor: Actor, rows: R[]) => {
    const shownRows = custom
      ? await custom.present(db, actor, rows as (R & { custom?: Record<string, unknown> })[])
      : rows;
    return def.present ? ((await def.present(db, actor, shownRows)) as R[]) : shownRows;
  };
  const presentOne = async (db: Executor, actor: Actor, row: Row) => (await present(db, actor, [row]))[0] as Row;
  /** Splits the custom values off the input: the platform stores them, not the module's toValues. */
  const splitCustom = <I>(input: I) => {
    const { custom: customInput, ...rest } = input as I & { custom?: unknown };
    return { customInput, plain: rest as I };
  };

  const scoped = { ownerId: t.ownerId, departmentId: t.departmentId, id: t.id, sharedThrough: def.sharedThrough };
  function visible(actor: Actor, trashed: boolean, access: Access = "read"): SQL | undefined {
    return and(
      eq(t.organizationId, actor.organizationId),
      def.scope ? def.scope(actor, access) : scopeCondition(actor, def.module, scoped, access),
      def.visibleWhere?.(actor),
      trashed ? isNotNull(t.deletedAt) : isNull(t.deletedAt),
    );
  }

  async function find(
    db: Executor,
    actor: Actor,
    id: string,
    opts: { trashed?: boolean; lock?: boolean; access?: Access } = {},
  ) {
    const query = db
      .select(selection)
      .from(t)
      .where(and(eq(t.id, id), visible(actor, opts.trashed ?? false, opts.access)));
    const rows = (await (opts.lock ? query.for("update", { of: t }) : query)) as unknown as Row[];
    const row = rows[0];
    if (!row) throw notFound(def.label);
    return row;
  }

  /** Locks a record the actor may change; one they may only view (a read-only share) is a 403. */
  async function findWritable(tx: Executor, actor: Actor, id: string, trashed = false): Promise<Row> {
    try {
      return await find(tx, actor, id, { trashed, lock: true, access: "write" });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      await find(tx, actor, id, { trashed }); // not visible at all: still 404
      throw forbidden(`You may only view this ${def.label.toLowerCase()}`);
    }
  }

  /** Order, keyset bound and next cursor for one of the resource's sort columns. */
  function columnSortPlan(sort: SortColumn, field: string, descending: boolean, cursor?: string) {
    // Keyset paging needs a value on every row: an empty date stands in as the far end.
    const emptyAs = descending ? "-infinity" : "infinity";
    const key = sort.nullable ? sql`coalesce(${sort.column}, ${emptyAs}::timestamptz)` : sql`${sort.column}`;
    let after: SQL | undefined;
    if (cursor) {
      const [value, id] = decodeCursor(cursor, sort.kind);
      const bound = sort.kind === "date" ? sql`${value}::timestamptz` : sql`${value}`;
      after = descending ? sql`(${key}, ${t.id}) < (${bound}, ${id})` : sql`(${key}, ${t.id}) > (${bound}, ${id})`;
    }
    const order = descending ? [desc(key), desc(t.id)] : [asc(key), asc(t.id)];
    const cursorOf = (last: Row) => {
      const value = (last as Row & Record<string, unknown>)[field];
      return encodeCursor(
        value instanceof Date ? value.toISOString() : value == null ? emptyAs : String(value),
        last.id,
      );
    };
    return { order, after, cursorOf };
  }

  /** The rows a list shows whatever its sort and page: scope, trash, search and filters. */
  async function matching(db: Executor, actor: Actor, params: MatchParams): Promise<SQL | undefined> {
    return and(
      visible(actor, params.deleted ?? false, params.access),
      params.q && def.search ? def.search(params.q) : undefined,
      ...(params.conditions ?? []),
      ...((await custom?.conditions(db, actor, params.custom)) ?? []),
    );
  }

  async function list(db: Executor, actor: Actor, params: ListParams) {
    requirePermission(actor, def.module, "view");
    const { field, descending } = parseSort(params.sort);
    const sort = def.sorts[field];
    const plan = sort
      ? columnSortPlan(sort, field, descending, params.cursor)
      : await custom?.sortPlan(db, actor, field, descending, params.cursor);
    if (!plan)
      throw new AppError("validation_failed", `cannot sort by ${field}`, [{ path: "sort", message: "unknown field" }]);
    const rows = (await db
      .select(selection)
      .from(t)
      .where(and(await matching(db, actor, params), plan.after))
      .orderBy(...plan.order)
      .limit(params.limit + 1)) as unknown as Row[];
    const page = await present(db, actor, rows.slice(0, params.limit));
    const last = page.at(-1);
    return { rows: page, nextCursor: rows.length > params.limit && last ? plan.cursorOf(last) : null };
  }

  /**
   * How many rows the list shows with these parameters, counting at most `cap`: more than that
   * answers `cap` and `capped`, so a count over a huge table costs no more than reading `cap` ids.
   */
  async function count(db: Executor, actor: Actor, params: MatchParams & { cap: number }) {
    requirePermission(actor, def.module, "view");
    const upTo = db
      .select({ id: t.id })
      .from(t)
      .where(await matching(db, actor, params))
      .limit(params.cap + 1)
      .as("matching");
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(upTo);
    const n = Number(row?.n ?? 0);
    return { count: Math.min(n, params.cap), capped: n > params.cap };
  }

  /** A live record and whether the caller may change it: one shared with them read-only is "read". */
  async function get(db: Executor, actor: Actor, id: string): Promise<Row & { access: Access }> {
    requirePermission(actor, def.module, "view");
    // The write check rides along in the same query: bulk actions call this once per record.
    const writable = sql<boolean>`coalesce(${visible(actor, false, "write")}, false)`;
    const [found] = (await db
      .select({ ...selection, writable })
      .from(t)
      .where(and(eq(t.id, id), visible(actor, false)))) as unknown as (Row & { writable: boolean })[];
    if (!found) throw notFound(def.label);
    const { writable: mayWrite, ...row } = found;
    const access: Access = mayWrite ? "write" : "read";
    return { ...(await presentOne(db, actor, row as unknown as Row)), access };
  }

  async function create(tx: Transaction, actor: Actor, input: Create): Promise<Row> {
    requirePermission(actor, def.module, "create");
    const { customInput, plain } = splitCustom(input);
    const values = await def.toValues(tx, actor, plain, null, []);
    if (custom) values.custom = await custom.values(tx, actor, customInput, null);
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
      changes: [
        ...diffRecords(null, row, def.auditedFields).filter((c) => c.to !== null && !isEmptyList(c.to)),
        ...(custom?.changes(null, values.custom as Record<string, unknown>) ?? []),
      ],
    });
    return presentOne(tx, actor, row);
  }

  /** Changes a record at the version the caller saw; a stale version changes nothing and answers 409. */
  async function update(
    db: Database,
    actor: Actor,
    id: string,
    input: Update,
    /**
     * heldBy: records whose values this one may take as if it held them already (a merge's merged
     * records): an option archived since, a user deactivated since.
     */
    options: { ownerChange?: boolean; heldBy?: readonly Row[] } = {},
  ): Promise<Row> {
    requirePermission(actor, def.module, "edit");
    return db.transaction(async (tx) => {
      const current = await findWritable(tx, actor, id);
      if (current.version !== input.version) {
        throw new AppError(
          "version_conflict",
          `${def.label} was changed by someone else (now version ${current.version})`,
          [{ path: "version", message: `is ${input.version}, current is ${current.version}` }],
        );
      }
      const { customInput, plain } = splitCustom(input);
      const ownerId = (plain as { ownerId?: string | null }).ownerId;
      if (def.ownerChangeByAction && !options.ownerChange && ownerId !== undefined && ownerId !== current.ownerId) {
        throw validationFailed("ownerId", "changes only by transfer or release to the pool, which record a reason");
      }
      const heldBy = options.heldBy ?? [];
      const values = await def.toValues(tx, actor, plain, current, heldBy);
      const customValues = await custom?.values(
        tx,
        actor,
        customInput,
        current as Row & { custom?: never },
        heldBy as (Row & { custom?: never })[],
      );
      if (customValues) values.custom = customValues;
      const changes = [
        ...diffRecords(current, { ...current, ...values }, def.auditedFields),
        ...(customValues ? (custom?.changes((current as { custom?: never }).custom, customValues) ?? []) : []),
      ];
      if (changes.length === 0) return presentOne(tx, actor, current);
      await tx
        .update(t)
        .set({ ...values, version: sql`${t.version} + 1`, updatedAt: new Date() } as never)
        .where(eq(t.id, id));
      await writeAudit(tx, actor, { entityType: def.entityType, entityId: id, action: "update", changes });
      // The record as written, also when the change took it out of the caller's sight (a task given
      // to a colleague): reading it through the scope would answer 404 and undo the change.
      const [updated] = (await tx.select(selection).from(t).where(eq(t.id, id))) as unknown as Row[];
      return presentOne(tx, actor, updated as Row);
    });
  }

  /** expectedVersion: the version the caller saw, when it says; another one is a 409 and changes nothing. */
  async function setTrashed(
    db: Database,
    actor: Actor,
    id: string,
    trash: boolean,
    expectedVersion?: number,
  ): Promise<Row> {
    requirePermission(actor, def.module, "delete");
    return db.transaction(async (tx) => {
      const row = await findWritable(tx, actor, id, !trash);
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw new AppError(
          "version_conflict",
          `${def.label} was changed by someone else (now version ${row.version})`,
          [{ path: "version", message: `is ${expectedVersion}, current is ${row.version}` }],
        );
      }
      if (!trash) await custom?.checkRestore(tx, actor, row as Row & { custom?: Record<string, unknown> });
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
      return presentOne(tx, actor, await find(tx, actor, id, { trashed: trash }));
    });
  }

  /** Deletes for good a record already in the trash. */
  async function purge(db: Database, actor: Actor, id: string): Promise<void> {
    requirePermission(actor, def.module, "delete");
    await db.transaction(async (tx) => {
      await findWritable(tx, actor, id, true);
      await releaseReferences(tx, actor, def.entityType, [id]);
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

  const isVisible = async (db: Executor, actor: Actor, id: string) =>
    (
      await db
        .select({ id: t.id })
        .from(t)
        .where(and(eq(t.id, id), visible(actor, false)))
    ).length > 0;

  /** Another record pointing at one of these: unknown, trashed or out of scope is a 422 on `path`. */
  async function requireReference(db: Executor, actor: Actor, id: string, path: string): Promise<void> {
    if (!(await isVisible(db, actor, id)))
      throw invalidReference(path, `is not a ${def.label.toLowerCase()} you can see`);
  }

  /** A 404 unless the actor may view the live record: the cheap check before reading what belongs to it. */
  async function requireVisible(db: Executor, actor: Actor, id: string): Promise<void> {
    requirePermission(actor, def.module, "view");
    if (!(await isVisible(db, actor, id))) throw notFound(def.label);
  }

  return {
    /**
     * The object type of its custom fields (e.g. "customer"), when it has them: it then takes
     * `custom` values, and `custom.<key>` filters and sorts on its list.
     */
    customObjectType: def.customFields,
    list,
    count,
    get,
    create,
    update,
    trash: (db: Database, actor: Actor, id: string) => setTrashed(db, actor, id, true),
    restore: (db: Database, actor: Actor, id: string, expectedVersion?: number) =>
      setTrashed(db, actor, id, false, expectedVersion),
    purge,
    history,
    requirePermission: can,
    requireReference,
    requireVisible,
    findWritable,
    /** The condition a live record meets when the actor may see it, for other modules' queries. */
    visibleCondition: (actor: Actor) => visible(actor, false),
    /** The same for changing it, as findWritable checks (a read-only share does not count). */
    writableCondition: (actor: Actor) => visible(actor, false, "write"),
  };
}
