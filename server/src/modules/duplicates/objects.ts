import type { SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database, Executor } from "../../platform/db/client.ts";
import type { Action, Actor } from "../../platform/permissions.ts";
import type { BaseRow } from "../../platform/resource.ts";

export const duplicateFields = ["name", "phone", "email", "domain"] as const;
export type DuplicateField = (typeof duplicateFields)[number];

/** The SQL function (migration 0015) that turns a raw value of a field into its key. */
export const normalizers: Record<DuplicateField, string> = {
  name: "rapport_dup_name",
  phone: "rapport_dup_phone",
  email: "rapport_dup_email",
  domain: "rapport_dup_domain",
};

export type Row = BaseRow & Record<string, unknown>;

/** What the duplicate check needs of a record type's resource (defineResource gives all of it). */
export type MergeableResource = {
  visibleCondition(actor: Actor): SQL | undefined;
  /** The same for changing the record (a read-only share does not count). */
  writableCondition(actor: Actor): SQL | undefined;
  requirePermission(actor: Actor, action: Action): void;
  get(db: Executor, actor: Actor, id: string): Promise<Row>;
  /** A record the actor may change, in the trash with `trashed`: 403 when they may only view it, else 404. */
  findWritable(db: Executor, actor: Actor, id: string, trashed?: boolean): Promise<Row>;
  update(
    db: Database,
    actor: Actor,
    id: string,
    input: { version: number },
    options?: { ownerChange?: boolean; heldBy?: readonly Row[] },
  ): Promise<Row>;
  trash(db: Database, actor: Actor, id: string): Promise<Row>;
};

/**
 * A record type the duplicate check serves. A later module (leads, …) registers its own with
 * `registerDuplicateObject`, adds its default rules (rules.ts) and dup_* generated columns.
 */
export type DuplicateObject = {
  objectType: string;
  /** Permission module key, e.g. "customers". */
  module: string;
  table: PgTable & {
    id: PgColumn;
    organizationId: PgColumn;
    createdAt: PgColumn;
    deletedAt: PgColumn;
    ownerId: PgColumn;
  };
  nameColumn: PgColumn;
  /** The generated key column per field: dup_name is text, the others text[]. */
  keys: Partial<Record<DuplicateField, PgColumn>>;
  /** Which stored records a field's rule applies to, where not all of them (a person has no company domain). */
  keyApplies?: Partial<Record<DuplicateField, SQL>>;
  /** The raw values of a field in a draft shaped like the create API's body (import rows too). */
  draftValues(draft: Record<string, unknown>, field: DuplicateField): string[];
  /** The fields a merge lets the user pick, field by field. */
  mergeFields: readonly string[];
  resource: MergeableResource;
  toApi(row: Row): Record<string, unknown>;
};

const objects = new Map<string, DuplicateObject>();

export function registerDuplicateObject(object: DuplicateObject): void {
  objects.set(object.objectType, object);
}

export const duplicateObjectTypes = () => [...objects.keys()];

export function duplicateObject(objectType: string): DuplicateObject | undefined {
  return objects.get(objectType);
}

/** Strings from a draft value: a string, or a list of strings or of objects holding one under `key`. */
export function stringsOf(value: unknown, key?: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .map((item) => (key && item && typeof item === "object" ? (item as Record<string, unknown>)[key] : item))
    .filter((item): item is string => typeof item === "string" && item.trim() !== "");
}
