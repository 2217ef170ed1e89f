import type { Executor, Transaction } from "../../platform/db/client.ts";
import { validationFailed } from "../../platform/errors.ts";
import { type Actor, can } from "../../platform/permissions.ts";
import { addMissingValues, listOptionValues } from "./service.ts";

/** A record's fields that hold keys of option lists: field name -> list key. */
export type OptionFields = Record<string, string>;

/**
 * Checks the option-list fields a create or update sets: each must be an active key of its list.
 * A key archived since stays allowed where one of `holders` holds it already: the record updated,
 * and in a merge the merged records, whose values the survivor takes. Values of the lists named in
 * `addable` (tags) that are new are added to the list when the caller holds "tags: create".
 */
export async function requireOptionValues(
  tx: Transaction,
  actor: Actor,
  fields: OptionFields,
  input: Record<string, unknown>,
  holders: readonly (Record<string, unknown> | null)[],
  addable: readonly string[] = [],
): Promise<void> {
  const given = Object.entries(fields).filter(([field]) => input[field] !== undefined && input[field] !== null);
  if (given.length === 0) return;
  const values = await listOptionValues(
    tx,
    actor.organizationId,
    given.map(([, listKey]) => listKey),
  );
  for (const [field, listKey] of given) {
    const list = values.filter((v) => v.listKey === listKey);
    // A value that may be added on the fly ("VIP" typed where "vip" exists, or "重点客户" where that is
    // the label of key_account) is the list's value, so neither case variants nor a value's label
    // become values of their own (with a label another value has). The caller writes `input` as it is here.
    if (addable.includes(field) && Array.isArray(input[field])) {
      const byLower = new Map(
        list.flatMap((v) => [v.labelEn, v.labelZh, v.key].map((word) => [word.toLowerCase(), v.key] as const)),
      );
      input[field] = [...new Set((input[field] as string[]).map((k) => byLower.get(k.toLowerCase()) ?? k))];
    }
    const active = new Set(list.filter((v) => !v.archivedAt).map((v) => v.key));
    const known = new Set(list.map((v) => v.key));
    const held = new Set(holders.flatMap((row) => [row?.[field]].flat()).filter((v) => typeof v === "string"));
    const keys = [input[field]].flat().filter((v): v is string => typeof v === "string");
    const refused = keys.filter((key) => !active.has(key) && !held.has(key));
    const unknown = refused.filter((key) => !known.has(key));
    if (addable.includes(field) && unknown.length === refused.length && unknown.length > 0) {
      if (!can(actor, "tags", "create")) {
        throw validationFailed(field, `${unknown.join(", ")}: not in the list, and you may not add new ones`);
      }
      await addMissingValues(tx, actor, listKey, unknown);
      continue;
    }
    if (refused.length > 0) {
      const why = unknown.length > 0 ? "is not in the list" : "is archived";
      throw validationFailed(field, `${refused.join(", ")} ${why} (list ${listKey})`);
    }
  }
}

/**
 * Checks the option-list keys a list filter names: a key its list never held is a 400 naming the
 * filter, as on create, rather than a silently empty list. Archived keys are still known (records
 * and saved views keep them), so filtering by one stays valid.
 */
export async function requireKnownFilterKeys(
  db: Executor,
  actor: Actor,
  fields: OptionFields,
  filters: Record<string, unknown>,
): Promise<void> {
  const given = Object.entries(fields).filter(([field]) => typeof filters[field] === "string");
  if (given.length === 0) return;
  const values = await listOptionValues(
    db,
    actor.organizationId,
    given.map(([, listKey]) => listKey),
  );
  for (const [field, listKey] of given) {
    const key = filters[field] as string;
    if (!values.some((v) => v.listKey === listKey && v.key === key)) {
      throw validationFailed(field, `${key} is not in the list (list ${listKey})`);
    }
  }
}

/** The first active value of a list, the default of a required option field (e.g. a new customer's stage). */
export async function firstActiveKey(tx: Transaction, actor: Actor, listKey: string): Promise<string | undefined> {
  const values = await listOptionValues(tx, actor.organizationId, [listKey]);
  return values.find((v) => !v.archivedAt)?.key;
}
