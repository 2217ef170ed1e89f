import type { z } from "zod";
import type { Locale } from "../../platform/i18n/locale.ts";
import { type ContactCreate, contactCreateSchema } from "../contacts/schema.ts";
import { type CustomerCreate, customerCreateSchema } from "../customers/schema.ts";
import { choiceList } from "./custom.ts";
import { readDate } from "./formats.ts";
import type { OptionResolver } from "./options.ts";
import type { ColumnMapping, ImportObjectType } from "./table.ts";

export type RowProblem = { field: string; message: string };

/** One data row, mapped and checked by the same schema the API's create uses. */
export type CheckedRow = {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  input?: CustomerCreate | ContactCreate;
  /** A contact's company, by name: linked to the one visible customer of that name. */
  customerName?: string;
  /** The owner the file names, by e-mail or name: resolved to a user when planning. */
  ownerName?: string;
  /** Tags the organization's list does not hold yet: added when the import runs. */
  newTags: string[];
  /** The custom field cells by field key, as the file gives them: checked when planning, even in a row with errors. */
  customCells: Record<string, string>;
  errors: RowProblem[];
  warnings: string[];
};

const splitList = (value: string) =>
  value
    .split(/[,;，；、|]/)
    .map((v) => v.trim())
    .filter(Boolean);

const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** Spreadsheet programs run a cell that begins with these as a formula; we keep it as text. */
const FORMULA_START = /^[=+\-@]/;
/** A phone number or a number ("+86 21 5555 0101", "-12.5") is not a formula, whatever it begins with. */
const PHONE_LIKE = /^(?=(?:\D*\d){3})\+?[0-9 ()\-./]{3,40}$/;
const NUMBER_LIKE = /^[+-]?(?=\.?\d)(\d[\d,]*)?(\.\d+)?(e[+-]?\d+)?%?$/i;
const isFormulaLike = (value: string) =>
  FORMULA_START.test(value) && !PHONE_LIKE.test(value) && !NUMBER_LIKE.test(value);

/**
 * Rapport's exports (and the import report) escape a cell a spreadsheet would run as a formula with
 * a leading apostrophe ("'+86 21 …", "'=SUM(…)"): that one apostrophe goes, so an export imports back.
 */
const unescapeFormula = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1).trim() : value);

/** A row's values as a create input, with the problems found on the way. */
type Built = { input: Record<string, unknown>; errors: RowProblem[]; newTags: string[]; customerName?: string };
/** How a row is read: the lists its choices come from, and the language their labels are named in. */
type Reading = { options: OptionResolver; locale: Locale; columnOf: Map<string, string> };

/** Lists longer than this are not spelled out in a message. */
const LISTED_CHOICES = 30;

function customerInput(values: Map<string, string>, reading: Reading): Built {
  const { options } = reading;
  const input: Record<string, unknown> = {};
  const address: Record<string, string> = {};
  const errors: RowProblem[] = [];
  const newTags: string[] = [];
  for (const [target, value] of values) {
    if (target === "owner") continue; // resolved to a user when planning
    if (target.startsWith("address.")) address[target.slice(8)] = value;
    else if (target === "tags") {
      input.tags = splitList(value).map((tag) => {
        const key = options.resolve("tags", tag);
        if (!key) newTags.push(tag);
        return key ?? tag;
      });
    } else if (target.startsWith("custom.")) {
      input.custom = { ...(input.custom as object), [target.slice(7)]: value };
    } else if (options.fields.has(target)) choose(input, target, value, reading, errors);
    else input[target] = value;
  }
  if (Object.keys(address).length > 0) input.address = address;
  return { input, errors, newTags };
}

/** A value of a list (its key or a label): the key, or a problem naming the column and the labels it takes. */
function choose(input: Record<string, unknown>, target: string, value: string, reading: Reading, errors: RowProblem[]) {
  const key = reading.options.resolve(target, value);
  const column = reading.columnOf.get(target) ?? target;
  const labels = reading.options.labels(target);
  if (key) input[target] = key;
  else if (labels.length === 0 || labels.length > LISTED_CHOICES)
    errors.push({ field: column, message: `"${value}" is not in the list of ${column}` });
  else
    errors.push({
      field: column,
      message: `"${value}" is not in the list of ${column}: ${choiceList(labels, reading.locale)}`,
    });
}

function contactInput(values: Map<string, string>, reading: Reading): Built {
  const input: Record<string, unknown> = { phones: [], emails: [], im: [] };
  const errors: RowProblem[] = [];
  const first = values.get("firstName") ?? "";
  const last = values.get("lastName") ?? "";
  // 张 + 伟 is 张伟; Shelley + Kerluke is "Shelley Kerluke".
  const joined = hasCjk(first + last) ? `${last}${first}` : `${first} ${last}`.trim();
  const name = values.get("name") ?? joined;
  if (name) input.name = name;
  for (const [target, value] of values) {
    const [group, label] = target.split(".") as [string, string | undefined];
    if (group === "phones") (input.phones as unknown[]).push(...splitList(value).map((number) => ({ label, number })));
    else if (group === "emails")
      (input.emails as unknown[]).push(...splitList(value).map((address) => ({ label, address })));
    else if (group === "im") (input.im as unknown[]).push({ kind: label, handle: value });
    else if (group === "custom" && label) input.custom = { ...(input.custom as object), [label]: value };
    else if (reading.options.fields.has(target)) choose(input, target, value, reading, errors);
    else if (group === "birthday") input.birthday = readDate(value);
    else if (!["name", "firstName", "lastName", "customer", "owner"].includes(group)) input[group] = value;
  }
  return { input, errors, newTags: [], customerName: values.get("customer") };
}

/** The mapping targets a schema path comes from: a contact's name may be made of first and last names. */
function targetsOf(path: string[], mapped: string[]): string[] {
  if (path.length === 1 && path[0] === "name")
    return mapped.filter((t) => ["name", "firstName", "lastName"].includes(t));
  const target = mapped.find((t) => t === path.join(".") || t === path[0] || t.startsWith(`${path[0]}.`));
  return target ? [target] : [];
}

/** Maps one row's cells to a create input and checks it; problems name the column the user knows. */
export function checkRow(
  objectType: ImportObjectType,
  headers: string[],
  mapping: ColumnMapping,
  cells: string[],
  rowNumber: number,
  options: OptionResolver,
  locale: Locale = "en",
  /** Problems the file's reading found in cells (an XLSX formula's error), by column index. */
  cellProblems?: ReadonlyMap<number, string>,
): CheckedRow {
  const errors: RowProblem[] = [];
  const warnings: string[] = [];
  const values = new Map<string, string>();
  const columnOf = new Map<string, string>();
  /** Columns whose bytes are no text, or that show no value: reported once, not again as missing or invalid. */
  const broken = new Set<string>();
  for (const [index, target] of Object.entries(mapping)) {
    const value = unescapeFormula(cells[Number(index)]?.trim() ?? "");
    const header = headers[Number(index)] ?? `column ${Number(index) + 1}`;
    columnOf.set(target, header);
    const problem = cellProblems?.get(Number(index));
    if (problem) {
      errors.push({ field: header, message: problem });
      broken.add(target);
      continue;
    }
    if (value === "") continue;
    if (value.includes("\uFFFD")) {
      errors.push({ field: header, message: "has bytes that are not valid text: choose the file's encoding" });
      broken.add(target);
      continue;
    }
    if (isFormulaLike(value)) {
      // Said the same at the check and in the run's report: true before the import and after it.
      warnings.push(`${header}: begins with "${value[0]}", kept as text, not run as a formula`);
    }
    values.set(target, value);
  }
  const reading: Reading = { options, locale, columnOf };
  const built = objectType === "customer" ? customerInput(values, reading) : contactInput(values, reading);
  const customCells = (built.input.custom ?? {}) as Record<string, string>;
  // Custom values are read and checked when planning, field by field, with the organization's fields.
  delete built.input.custom;
  errors.push(...built.errors);
  const schema: z.ZodType = objectType === "customer" ? customerCreateSchema : contactCreateSchema;
  const parsed = schema.safeParse(built.input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      // phones.0.number -> the column mapped to phones.<label>; a contact's name -> its name columns.
      const targets = targetsOf(path, [...columnOf.keys()]);
      if (targets.some((t) => broken.has(t))) continue;
      const field = targets.map((t) => columnOf.get(t)).join(" / ") || path.join(".");
      const missing = issue.code === "invalid_type" && issue.input === undefined;
      errors.push({ field: field || "row", message: missing ? "is required" : issue.message });
    }
  }
  return {
    rowNumber,
    input: errors.length === 0 && parsed.success ? (parsed.data as CustomerCreate | ContactCreate) : undefined,
    customerName: built.customerName,
    ownerName: values.get("owner"),
    newTags: built.newTags,
    customCells,
    errors,
    warnings,
  };
}

/**
 * The values that make two rows the same customer or contact, for duplicate checks inside a file,
 * each with the mapping target it came from (to name the column).
 */
export function identityKeys(
  objectType: ImportObjectType,
  input: CustomerCreate | ContactCreate,
): { key: string; target: string }[] {
  // A phone of fewer than five digits (an extension alone) identifies no one.
  const digits = (p: string) => {
    const d = p.replace(/\D/g, "");
    return d.length >= 5 ? d : "";
  };
  if (objectType === "customer") {
    const c = input as CustomerCreate;
    return [
      { key: `name:${c.name.toLowerCase()}`, target: "name" },
      { key: c.email ? `email:${c.email.toLowerCase()}` : "", target: "email" },
      { key: c.phone && digits(c.phone) ? `phone:${digits(c.phone)}` : "", target: "phone" },
    ].filter((k) => k.key);
  }
  const c = input as ContactCreate;
  return [
    ...c.emails.map((e) => ({ key: `email:${e.address.toLowerCase()}`, target: `emails.${e.label}` })),
    ...c.phones
      .filter((p) => digits(p.number))
      .map((p) => ({ key: `phone:${digits(p.number)}`, target: `phones.${p.label}` })),
  ];
}
