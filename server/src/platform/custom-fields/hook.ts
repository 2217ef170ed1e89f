import { and, eq, inArray, type SQL } from "drizzle-orm";
import { users } from "../../modules/users/table.ts";
import type { Executor } from "../db/client.ts";
import type { FieldChange } from "../db/platform.table.ts";
import { AppError, invalidReference } from "../errors.ts";
import type { Actor } from "../permissions.ts";
import { loadCustomFields } from "./index.ts";
import { customFilterConditions, customSortPlan, type SortPlan } from "./query.ts";
import { type CustomObjectTable, registerCustomObject } from "./registry.ts";
import { holdersOfValues, lockUniqueValues } from "./unique.ts";
import { type CustomFieldDefinition, type CustomValues, mergeCustomValues, validateCustomValues } from "./values.ts";

type WithCustom = { id: string; custom?: CustomValues | null };

/**
 * Users named by user fields must be active users of the caller's organization; one the record
 * already names (or one of `heldBy`, a merge's merged records) stays allowed after they leave (the
 * record keeps saying who it was).
 */
async function checkUsers(
  db: Executor,
  actor: Actor,
  fields: CustomFieldDefinition[],
  given: CustomValues,
  current: WithCustom | null,
  heldBy: readonly WithCustom[],
) {
  const holders = [current, ...heldBy];
  const userKeys = fields
    .filter(
      (f) =>
        f.type === "user" &&
        typeof given[f.key] === "string" &&
        !holders.some((row) => row?.custom?.[f.key] === given[f.key]),
    )
    .map((f) => f.key);
  if (userKeys.length === 0) return;
  const ids = userKeys.map((k) => given[k] as string);
  const found = await db
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(and(eq(users.organizationId, actor.organizationId), inArray(users.id, ids)));
  const byId = new Map(found.map((u) => [u.id, u]));
  const missing = userKeys.find((k) => !byId.has(given[k] as string));
  if (missing) throw invalidReference(`custom.${missing}`, "is not a user of this organization");
  const inactive = userKeys.find((k) => !byId.get(given[k] as string)?.active);
  if (inactive) throw invalidReference(`custom.${inactive}`, "is a deactivated user");
}

/** Unique fields' given values must be free: 409 naming the first field whose value another live record holds. */
async function checkUnique(
  db: Executor,
  actor: Actor,
  table: CustomObjectTable,
  fields: CustomFieldDefinition[],
  given: CustomValues,
  current: WithCustom | null,
) {
  for (const field of fields) {
    const value = given[field.key];
    if (!field.unique || value === null || value === undefined || current?.custom?.[field.key] === value) continue;
    const text = String(value);
    await lockUniqueValues(db, actor.organizationId, field, [text]);
    const holders = (await holdersOfValues(db, actor.organizationId, table, field, [text])).get(text) ?? [];
    if (holders.some((id) => id !== current?.id)) {
      throw new AppError("conflict", `custom.${field.key}: ${text} is already used by another record`, [
        { path: `custom.${field.key}`, message: "is already used by another record" },
      ]);
    }
  }
}

/**
 * What defineResource does for an object with custom fields: validate and store `custom`, audit each
 * changed key as `custom.<key>`, hide archived fields' values, and filter and sort by fields.
 */
export function customFieldsHook(objectType: string, resourceTable: unknown) {
  const { table } = registerCustomObject(objectType, resourceTable as CustomObjectTable);
  const fieldsOf = (db: Executor, actor: Actor, fresh = false) =>
    loadCustomFields(db, actor.organizationId, objectType, { fresh });

  return {
    /**
     * The `custom` column's next value; undefined when an update does not touch it. A value `heldBy`
     * holds (a merge's merged records) stays allowed as the record's own would: an archived option,
     * a deactivated user.
     */
    async values(
      db: Executor,
      actor: Actor,
      input: unknown,
      current: WithCustom | null,
      heldBy: readonly WithCustom[] = [],
    ) {
      if (input === undefined && current) return undefined;
      const fields = await fieldsOf(db, actor, true);
      const given = validateCustomValues(fields, (input ?? {}) as CustomValues, {
        partial: current !== null,
        current: current?.custom,
        alsoHeld: heldBy.map((row) => row.custom),
      });
      await checkUsers(db, actor, fields, given, current, heldBy);
      await checkUnique(db, actor, table, fields, given, current);
      return mergeCustomValues(current?.custom, given);
    },

    /**
     * A trashed record's unique values may have been taken by another record since it left: it
     * comes back only if each is still free (409 naming the field otherwise).
     */
    async checkRestore(db: Executor, actor: Actor, row: WithCustom) {
      const fields = (await fieldsOf(db, actor, true)).filter((f) => f.unique && f.state === "active");
      if (fields.length === 0 || !row.custom) return;
      await checkUnique(db, actor, table, fields, row.custom, { id: row.id });
    },

    /** Audit entries for the keys whose values differ. */
    changes(before: CustomValues | null | undefined, after: CustomValues | null | undefined): FieldChange[] {
      const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
      const changes: FieldChange[] = [];
      for (const key of keys) {
        const from = before?.[key] ?? null;
        const to = after?.[key] ?? null;
        if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: `custom.${key}`, from, to });
      }
      return changes;
    },

    /** Rows as the API shows them: only active fields' values (an archived field's stay stored). */
    async present<Row extends WithCustom>(db: Executor, actor: Actor, rows: Row[]): Promise<Row[]> {
      const active = new Set((await fieldsOf(db, actor)).filter((f) => f.state === "active").map((f) => f.key));
      return rows.map((row) => ({
        ...row,
        custom: Object.fromEntries(Object.entries(row.custom ?? {}).filter(([key]) => active.has(key))),
      }));
    },

    async conditions(db: Executor, actor: Actor, query: Record<string, string | string[]> | undefined): Promise<SQL[]> {
      if (!query || Object.keys(query).length === 0) return [];
      return customFilterConditions(table, await fieldsOf(db, actor), query);
    },

    /** The plan for `sort=custom.<key>`, or undefined for any other sort. */
    async sortPlan(
      db: Executor,
      actor: Actor,
      sort: string,
      descending: boolean,
      cursor: string | undefined,
    ): Promise<SortPlan | undefined> {
      if (!sort.startsWith("custom.")) return undefined;
      const key = sort.slice("custom.".length);
      const field = (await fieldsOf(db, actor)).find((f) => f.key === key && f.state === "active");
      if (!field) return undefined;
      return customSortPlan(table, field, descending, cursor);
    },
  };
}
