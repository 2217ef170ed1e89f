import { readTypedNumber } from "../../platform/chinese-number.ts";
import {
  type CustomFieldDefinition,
  type CustomValues,
  loadCustomFields,
  validateCustomValues,
} from "../../platform/custom-fields/index.ts";
import type { Executor } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { type Read, readCheckbox, readDate, readDateTime, readMoney, readNumber } from "./formats.ts";
import type { ImportObjectType } from "./table.ts";

/** The organization's active custom fields of the object: mapping targets `custom.<key>`. */
export async function activeCustomFields(db: Executor, organizationId: string, objectType: ImportObjectType) {
  // Fresh: the import checks and writes values, whichever process changed the fields last.
  return (await loadCustomFields(db, organizationId, objectType, { fresh: true })).filter((f) => f.state === "active");
}

/** What reading a file's values depends on: the language of the labels messages list, and the clock of times. */
export type ReadContext = { locale: Locale; timeZone: string };

const fold = (s: string) => s.trim().toLowerCase();

/** The labels a user sees for a field's choices, in their language: what a message lists. */
export function choiceList(labels: string[], locale: Locale): string {
  return labels.join(locale === "zh-CN" ? "、" : ", ");
}

/** A choice as the file says it (the option's key, or its label in either language) -> its key. */
function optionKey(
  field: CustomFieldDefinition,
  text: string,
  locale: Locale,
): { value: string } | { problem: string } {
  const option = field.options.find(
    (o) => !o.archived && [o.key, o.label.en, o.label["zh-CN"]].some((w) => fold(w) === fold(text)),
  );
  if (option) return { value: option.key };
  const labels = field.options.filter((o) => !o.archived).map((o) => o.label[locale] || o.label.en);
  return { problem: `"${text}" is not one of: ${choiceList(labels, locale)}` };
}

/** 12万 and 1.5亿 with what may surround an amount ("¥12万", "1.5亿元"): the number, its unit, the rest. */
const amountWithUnit = /^(.*?\d)\s*(万|亿)(\D*)$/;

/**
 * An amount as a spreadsheet or a person writes it: the field's currency sign or word and thousands
 * separators as readMoney takes them, the number as the form reads it ("12万", full-width digits).
 * Undefined when that reads no number: the API's check names the problem, never a wrong amount.
 */
function readAmount(text: string, currency: string | null): Read {
  const s = text.normalize("NFKC").trim(); // ￥ as ¥, full-width digits as ASCII ones
  const unit = amountWithUnit.exec(s);
  const money = readMoney(unit ? `${unit[1]}${unit[3]}` : s, currency);
  if (!money || !("value" in money)) return money;
  const value = readTypedNumber(`${money.value}${unit?.[2] ?? ""}`);
  return value ? { value } : undefined;
}

/** A cell in the form the platform's check takes, or the problem with it. */
function readCell(
  field: CustomFieldDefinition,
  text: string,
  context: ReadContext,
): { value: unknown } | { problem: string } {
  const as = (read: Read) => read ?? { value: text };
  switch (field.type) {
    case "date":
      return { value: readDate(text) };
    case "dateTime":
      return { value: readDateTime(text, context.timeZone) };
    case "number":
      // What the form would read ("12万", "1,200", full-width digits); else the text, for the API's check.
      return { value: readTypedNumber(text) || readNumber(text) };
    case "money":
      return as(readAmount(text, field.currency));
    case "checkbox":
      return as(readCheckbox(text));
    case "singleChoice":
      return optionKey(field, text, context.locale);
    case "multiChoice": {
      const keys: string[] = [];
      for (const part of text
        .split(/[,;，；、|]/)
        .map((v) => v.trim())
        .filter(Boolean)) {
        const read = optionKey(field, part, context.locale);
        if ("problem" in read) return read;
        keys.push(read.value);
      }
      return { value: keys };
    }
    default:
      return { value: text };
  }
}

/**
 * Cells as typed custom values, each checked by the platform's rules on its own, so a row's problems
 * come all at once: the values that are right (what uniqueness is checked on), and every problem
 * keyed by field key, a required field without a value among them.
 */
export function checkCustomValues(
  fields: CustomFieldDefinition[],
  cells: Record<string, string>,
  context: ReadContext,
): { values: CustomValues; problems: { key: string; message: string }[] } {
  const values: CustomValues = {};
  const problems: { key: string; message: string }[] = [];
  for (const field of fields) {
    const text = cells[field.key];
    if (text === undefined || text.trim() === "") {
      if (field.required) problems.push({ key: field.key, message: "is required" });
      continue;
    }
    const read = readCell(field, text, context);
    if ("problem" in read) {
      problems.push({ key: field.key, message: read.problem });
      continue;
    }
    try {
      const checked = validateCustomValues(fields, { [field.key]: read.value }, { partial: true });
      if (checked[field.key] !== null) values[field.key] = checked[field.key];
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(...error.details.map((d) => ({ key: field.key, message: d.message })));
    }
  }
  return { values, problems };
}
