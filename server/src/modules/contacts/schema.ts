import { z } from "zod";
import { customValuesSchema } from "../../platform/custom-fields/schema.ts";
import { accessField, recordFields } from "../../platform/http.ts";
import { phoneNumber } from "../../platform/phone.ts";
import { requiredLineText, singleLineText } from "../../platform/text.ts";

// Option lists; labels live in the web app's locales.
export const phoneLabels = ["mobile", "work", "home", "other"] as const;
export const emailLabels = ["work", "home", "other"] as const;
export const imKinds = ["wechat", "qq", "whatsapp", "telegram", "skype", "line", "other"] as const;
export const buyingRoles = ["decision_maker", "influencer", "champion", "user", "gatekeeper", "other"] as const;

const text = singleLineText;
const optionalText = (max: number) => text(max).nullable().optional();

export const contactPhoneSchema = z
  .strictObject({ label: z.enum(phoneLabels).default("mobile"), number: phoneNumber })
  .meta({ id: "ContactPhone" });
export const contactEmailSchema = z
  .strictObject({ label: z.enum(emailLabels).default("work"), address: z.email().max(254) })
  .meta({ id: "ContactEmail" });
export const contactImSchema = z
  .strictObject({ kind: z.enum(imKinds), handle: text(200).min(1) })
  .meta({ id: "ContactIm" });

/** A calendar date without time; refuses 2024-02-30 as well as malformed text. */
const birthday = z.iso.date().refine((value) => {
  // Four-digit years only: JavaScript reads years below 100 as 19xx.
  if (value < "1000") return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value) && d.getTime() <= Date.now();
}, "must be a past date, YYYY-MM-DD");

const editableFields = {
  customerId: z.uuid().nullable(),
  title: optionalText(200),
  department: optionalText(200),
  phones: z.array(contactPhoneSchema).max(20),
  emails: z.array(contactEmailSchema).max(20),
  im: z.array(contactImSchema).max(20),
  birthday: birthday.nullable(),
  buyingRole: z.enum(buyingRoles).nullable(),
  isPrimary: z.boolean().describe("The customer's primary contact; setting it clears the previous one"),
  ownerId: z.uuid().nullable(),
  // Notes run over several lines: only single-line fields refuse line breaks and controls.
  notes: z.string().trim().max(10_000).nullable().optional(),
  custom: customValuesSchema("contact").optional(),
};

export const contactCreateSchema = z
  .strictObject({
    name: requiredLineText(200),
    ...editableFields,
    phones: editableFields.phones.default([]),
    emails: editableFields.emails.default([]),
    im: editableFields.im.default([]),
    isPrimary: editableFields.isPrimary.default(false),
  })
  .partial({ customerId: true, birthday: true, buyingRole: true, ownerId: true })
  .meta({ id: "ContactCreate" });

export const contactUpdateSchema = z
  .strictObject({ version: z.number().int().min(1), name: requiredLineText(200), ...editableFields })
  .partial()
  .required({ version: true })
  .meta({ id: "ContactUpdate" });

export const contactSchema = z
  .object({
    ...recordFields,
    customerId: z.uuid().nullable(),
    customerName: z.string().nullable(),
    name: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    phones: z.array(z.object({ label: z.enum(phoneLabels), number: z.string() })),
    emails: z.array(z.object({ label: z.enum(emailLabels), address: z.string() })),
    im: z.array(z.object({ kind: z.enum(imKinds), handle: z.string() })),
    birthday: z.iso.date().nullable(),
    buyingRole: z.enum(buyingRoles).nullable(),
    isPrimary: z.boolean(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    notes: z.string().nullable(),
    custom: customValuesSchema("contact"),
    deletedAt: z.iso.datetime().nullable(),
    access: accessField,
  })
  .meta({ id: "Contact" });

export const contactFiltersSchema = z.strictObject({
  customerId: z.uuid().optional(),
  buyingRole: z.enum(buyingRoles).optional(),
  isPrimary: z.stringbool().optional(),
  ownerId: z.uuid().optional(),
});

export type ContactCreate = z.output<typeof contactCreateSchema>;
export type ContactUpdate = z.output<typeof contactUpdateSchema>;
export type ContactFilters = z.output<typeof contactFiltersSchema>;
export type Contact = z.output<typeof contactSchema>;
