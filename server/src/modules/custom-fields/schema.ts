import { z } from "zod";
import { customFieldTypes } from "../../platform/custom-fields/table.ts";
import { recordFields } from "../../platform/http.ts";
import { requiredLineText } from "../../platform/text.ts";

// A field's and an option's label in forms and list headers: one line.
const labelText = requiredLineText(100);
export const localizedLabel = z.strictObject({ en: labelText, "zh-CN": labelText }).meta({ id: "LocalizedLabel" });

export const fieldKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
const optionKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, "must be lower-case letters, digits, _ or -, up to 50");

export const customFieldOptionSchema = z
  .strictObject({
    key: optionKey.describe("What records store; never changes"),
    label: localizedLabel,
    archived: z.boolean().default(false).describe("Kept for the records that hold it, not offered for new input"),
  })
  .meta({ id: "CustomFieldOption" });

const flags = {
  required: z.boolean().describe("A record must have a value when created, and may not clear it"),
  unique: z.boolean().describe("No two live records of the organization share a value"),
  indexed: z.boolean().describe("Builds a database index for fast filters and sorting on this field"),
};

export const customFieldCreateSchema = z
  .strictObject({
    objectType: z.string().min(1).max(50).describe("customer, contact, …"),
    key: z
      .string()
      .regex(fieldKeyPattern, "must start with a-z, then a-z, 0-9 or _, up to 40")
      .optional()
      .describe(
        "The machine name under `custom`; never changes and is never reused. Left out, it is made from the English label, else the Chinese label's pinyin (合同金额: he_tong_jin_e)",
      ),
    type: z.enum(customFieldTypes),
    label: localizedLabel,
    options: z.array(customFieldOptionSchema).max(200).default([]).describe("Single and multiple choice"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable()
      .default(null)
      .describe("Money: ISO 4217 code; left out, the organization's base currency"),
    required: flags.required.default(false),
    unique: flags.unique.default(false),
    indexed: flags.indexed.default(false),
  })
  .meta({ id: "CustomFieldCreate" });

export const customFieldUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    label: localizedLabel,
    options: z.array(customFieldOptionSchema).max(200).describe("Every existing key must stay (archive instead)"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
    relabelAmounts: z
      .boolean()
      .describe(
        "A money field's amounts are not converted when its currency changes: with records holding amounts, a new currency takes this set to true (else 409 naming currency)",
      ),
    ...flags,
  })
  .partial()
  .required({ version: true })
  .meta({ id: "CustomFieldUpdate" });

export const customFieldSchema = z
  .object({
    ...recordFields,
    objectType: z.string(),
    key: z.string(),
    type: z.enum(customFieldTypes),
    label: localizedLabel,
    options: z.array(z.object({ key: z.string(), label: localizedLabel, archived: z.boolean() })),
    currency: z.string().nullable(),
    ...flags,
    position: z.number().int(),
    state: z.enum(["active", "archived"]).describe("archived: hidden from forms, lists and the API; values kept"),
    indexStatus: z
      .enum(["none", "building", "ready"])
      .describe("The field's database index (indexed or unique fields): built by a background job"),
  })
  .meta({ id: "CustomField" });

export const customFieldListQuery = z.strictObject({
  objectType: z.string().min(1).max(50).optional(),
  archived: z.stringbool().optional().describe("true includes archived fields"),
});

export const reorderSchema = z.strictObject({
  objectType: z.string().min(1).max(50),
  ids: z.array(z.uuid()).min(1).max(500).describe("The fields in their new order"),
});

export type CustomFieldCreate = z.output<typeof customFieldCreateSchema>;
export type CustomFieldUpdate = z.output<typeof customFieldUpdateSchema>;
export type CustomFieldApi = z.output<typeof customFieldSchema>;
