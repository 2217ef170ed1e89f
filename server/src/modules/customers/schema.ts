import { z } from "zod";
import { customValuesSchema } from "../../platform/custom-fields/schema.ts";
import { accessField, recordFields } from "../../platform/http.ts";
import { phoneNumber } from "../../platform/phone.ts";
import { requiredLineText, singleLineText } from "../../platform/text.ts";
import { optionKeySchema } from "../option-lists/lists.ts";

// Industry, size, level, source, lifecycle stage and tags hold keys of the organization's option
// lists (modules/option-lists), checked against them by the service, not by these schemas.
export const customerKinds = ["company", "person"] as const;
export const followUpDue = ["overdue", "beforeToday", "today", "week", "none", "todayOrOverdue"] as const;

const text = singleLineText;

const website = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`);
      return /^https?:$/.test(url.protocol) && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "must be a web address such as example.com");

const optionKey = optionKeySchema;

// Tags differing only in case are one tag: the first spelling given stands for them.
const tags = z
  .array(optionKey)
  .max(50)
  .transform((list) => list.filter((tag, i) => list.findIndex((t) => t.toLowerCase() === tag.toLowerCase()) === i));

export const addressSchema = z
  .strictObject({
    country: text(100).optional(),
    region: text(100).optional(),
    city: text(100).optional(),
    street: text(300).optional(),
    postalCode: text(20).optional(),
  })
  .meta({ id: "Address" });

const editableFields = {
  kind: z.enum(customerKinds),
  industry: optionKey.nullable(),
  size: optionKey.nullable(),
  level: optionKey.nullable(),
  source: optionKey.nullable(),
  lifecycleStage: optionKey,
  tags,
  phone: phoneNumber.nullable(),
  email: z.email().max(254).nullable(),
  website: website.nullable(),
  address: addressSchema.nullable(),
  ownerId: z.uuid().nullable(),
  // Notes run over several lines: only single-line fields refuse line breaks and controls.
  notes: z.string().trim().max(10_000).nullable().optional(),
  custom: customValuesSchema("customer").optional(),
};

export const customerCreateSchema = z
  .strictObject({
    name: requiredLineText(200),
    ...editableFields,
    kind: editableFields.kind.default("company"),
    lifecycleStage: editableFields.lifecycleStage
      .optional()
      .describe("The stage list's first active value when absent"),
    tags: editableFields.tags.default([]),
  })
  .partial({
    industry: true,
    size: true,
    level: true,
    source: true,
    phone: true,
    email: true,
    website: true,
    address: true,
    ownerId: true,
  })
  .meta({ id: "CustomerCreate" });

export const customerUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    name: requiredLineText(200),
    ...editableFields,
    ownerId: editableFields.ownerId.describe(
      "The current owner only: the owner changes by transfer or release to the pool, with a reason",
    ),
  })
  .partial()
  .required({ version: true })
  .meta({ id: "CustomerUpdate" });

export const customerSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    kind: z.enum(customerKinds),
    industry: z.string().nullable(),
    size: z.string().nullable(),
    level: z.string().nullable(),
    source: z.string().nullable(),
    lifecycleStage: z.string(),
    tags: z.array(z.string()),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    address: addressSchema.nullable(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    ownerAssignedAt: z.iso.datetime().describe("Since when the owner (or, without one, the pool) has had the customer"),
    notes: z.string().nullable(),
    lastFollowUpAt: z.iso.datetime().nullable().describe("When the latest follow-up happened"),
    nextFollowUpAt: z.iso
      .datetime()
      .nullable()
      .describe(
        "The next follow-up planned by the most recent follow-up that planned one, until a follow-up happens at or after that time",
      ),
    custom: customValuesSchema("customer"),
    deletedAt: z.iso.datetime().nullable(),
    access: accessField,
  })
  .meta({ id: "Customer" });

export const customerFiltersSchema = z.strictObject({
  kind: z.enum(customerKinds).optional(),
  industry: optionKey.optional(),
  size: optionKey.optional(),
  level: optionKey.optional(),
  source: optionKey.optional(),
  lifecycleStage: optionKey.optional(),
  ownerId: z.uuid().optional(),
  tag: text(50).min(1).optional(),
  followUpDue: z
    .enum(followUpDue)
    .optional()
    .describe(
      "Next follow-up: overdue (before now), beforeToday (on an earlier day), today or week (the next 7 days, in the organization's time zone), none, todayOrOverdue (before the end of today: what is due)",
    ),
});

export type CustomerCreate = z.output<typeof customerCreateSchema>;
export type CustomerUpdate = z.output<typeof customerUpdateSchema>;
export type CustomerFilters = z.output<typeof customerFiltersSchema>;
export type Customer = z.output<typeof customerSchema>;
