import type { z } from "zod";
import { type ContactCreate, contactCreateSchema } from "../contacts/schema.ts";
import { type CustomerCreate, customerCreateSchema } from "../customers/schema.ts";
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
const PHONE_LIKE = /^\+?[0-9 ()\-./]{3,40}$/;

function customerInput(values: Map<string, string>, options: OptionResolver, columnOf: Map<string, string>) {
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
    } else if (options.fields.has(target)) {
      const key = options.resolve(target, value);
      if (key) input[target] = key;
      else
        errors.push({ field: columnOf.get(target) ?? target, message: `"${value}" is not in the list of ${target}` });
    } else input[target] = target === "kind" ? value.toLowerCase() : value;
  }
  if (Object.keys(address).length > 0) input.address = address;
  return { input, errors, newTags };
}

function contactInput(values: Map<string, string>): { input: Record<string, unknown>; customerName?: string } {
  const input: Record<string, unknown> = { phones: [], emails: [], im: [] };
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
    else if (!["name", "firstName", "lastName", "customer", "owner"].includes(group)) input[group] = value;
  }
  return { input, customerName: values.get("customer") };
}

/** Maps one row's cells to a create input and checks it; problems name the column the user knows. */
export function checkRow(
  objectType: ImportObjectType,
  headers: string[],
  mapping: ColumnMapping,
  cells: string[],
  rowNumber: number,
  options: OptionResolver,
): CheckedRow {
  const errors: RowProblem[] = [];
  const warnings: string[] = [];
  const values = new Map<string, string>();
  const columnOf = new Map<string, string>();
  for (const [index, target] of Object.entries(mapping)) {
    const value = cells[Number(index)]?.trim() ?? "";
    const header = headers[Number(index)] ?? `column ${Number(index) + 1}`;
    columnOf.set(target, header);
    if (value === "") continue;
    if (value.includes("\uFFFD")) {
      errors.push({ field: header, message: "has bytes that are not valid text: choose the file's encoding" });
      continue;
    }
    if (FORMULA_START.test(value) && !(target.includes("phone") && PHONE_LIKE.test(value))) {
      warnings.push(`${header}: begins with "${value[0]}", imported as text, not run as a formula`);
    }
    values.set(target, value);
  }
  const built: { input: Record<string, unknown>; customerName?: string; errors: RowProblem[]; newTags: string[] } =
    objectType === "customer"
      ? customerInput(values, options, columnOf)
      : { ...contactInput(values), errors: [], newTags: [] };
  errors.push(...built.errors);
  const schema: z.ZodType = objectType === "customer" ? customerCreateSchema : contactCreateSchema;
  const parsed = schema.safeParse(built.input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      // phones.0.number -> the column mapped to phones.<label>; address.city -> address.city.
      const target =
        [...columnOf.keys()].find((t) => t === path.join(".") || t === path[0] || t.startsWith(`${path[0]}.`)) ??
        path[0];
      const field = (target && columnOf.get(target)) ?? path.join(".");
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
    errors,
    warnings,
  };
}

/** The values that make two rows the same customer or contact, for duplicate checks inside a file. */
export function identityKeys(objectType: ImportObjectType, input: CustomerCreate | ContactCreate): string[] {
  // A phone of fewer than five digits (an extension alone) identifies no one.
  const digits = (p: string) => {
    const d = p.replace(/\D/g, "");
    return d.length >= 5 ? d : "";
  };
  if (objectType === "customer") {
    const c = input as CustomerCreate;
    return [
      `name:${c.name.toLowerCase()}`,
      c.email ? `email:${c.email.toLowerCase()}` : "",
      c.phone && digits(c.phone) ? `phone:${digits(c.phone)}` : "",
    ].filter(Boolean);
  }
  const c = input as ContactCreate;
  return [
    ...c.emails.map((e) => `email:${e.address.toLowerCase()}`),
    ...c.phones.filter((p) => digits(p.number)).map((p) => `phone:${digits(p.number)}`),
  ];
}
