/** What the merge dialog reads of a record: any record API's JSON. */
export type MergeRecord = { id: string; createdAt?: string; [field: string]: unknown };

export const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === "" ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && value !== null && Object.keys(value).length === 0);

/** A field's value; "custom.<key>" reads the record's custom fields. */
export const fieldValue = (record: MergeRecord, field: string): unknown =>
  field.startsWith("custom.")
    ? (record.custom as Record<string, unknown> | undefined)?.[field.slice("custom.".length)]
    : record[field];

const filled = (record: MergeRecord, fields: readonly string[]) =>
  fields.filter((field) => !isEmpty(fieldValue(record, field))).length;

const createdTime = (record: MergeRecord) => {
  const time = record.createdAt ? Date.parse(record.createdAt) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
};

/**
 * The record a user would keep when merging: the one with the most of `fields` filled (pass what
 * tells of related records too, such as a customer's follow-up dates), ties going to the oldest,
 * the original. Equal in both, the first given stays first. None for no records.
 */
export function defaultSurvivor(records: readonly MergeRecord[], fields: readonly string[]): string | undefined {
  let best: MergeRecord | undefined;
  for (const record of records) {
    if (!best) {
      best = record;
      continue;
    }
    const more = filled(record, fields) - filled(best, fields);
    if (more > 0 || (more === 0 && createdTime(record) < createdTime(best))) best = record;
  }
  return best?.id;
}
