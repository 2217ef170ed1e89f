import { z } from "zod";
import { recordFields } from "../../platform/http.ts";

// Option lists; issue 3 makes them admin-configurable. Labels live in the web app's locales.
export const customerKinds = ["company", "person"] as const;
export const industries = [
  "technology",
  "manufacturing",
  "retail",
  "finance",
  "healthcare",
  "education",
  "real_estate",
  "professional_services",
  "logistics",
  "energy",
  "media",
  "government",
  "other",
] as const;
export const sizes = ["1-10", "11-50", "51-200", "201-1000", "1001+"] as const;
export const levels = ["A", "B", "C", "D"] as const;
export const sources = [
  "website",
  "referral",
  "event",
  "advertising",
  "cold_call",
  "partner",
  "social_media",
  "other",
] as const;
export const lifecycleStages = ["lead", "prospect", "customer", "churned"] as const;
export const followUpDue = ["overdue", "today", "week", "none"] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

const phone = z
  .string()
  .trim()
  .max(50)
  .regex(
    /^\+?[0-9 ()\-./]{3,40}(\s*(ext\.?|x|转)\s*[0-9]{1,6})?$/i,
    "must be a phone number (digits, spaces, + ( ) - .)",
  );

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

const tags = z
  .array(text(50).min(1))
  .max(50)
  .transform((list) => [...new Set(list)]);

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
  industry: z.enum(industries).nullable(),
  size: z.enum(sizes).nullable(),
  level: z.enum(levels).nullable(),
  source: z.enum(sources).nullable(),
  lifecycleStage: z.enum(lifecycleStages),
  tags,
  phone: phone.nullable(),
  email: z.email().max(254).nullable(),
  website: website.nullable(),
  address: addressSchema.nullable(),
  ownerId: z.uuid().nullable(),
  notes: optionalText(10_000),
};

export const customerCreateSchema = z
  .strictObject({
    name: text(200).min(1),
    ...editableFields,
    kind: editableFields.kind.default("company"),
    lifecycleStage: editableFields.lifecycleStage.default("lead"),
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
  .strictObject({ version: z.number().int().min(1), name: text(200).min(1), ...editableFields })
  .partial()
  .required({ version: true })
  .meta({ id: "CustomerUpdate" });

export const customerSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    kind: z.enum(customerKinds),
    industry: z.enum(industries).nullable(),
    size: z.enum(sizes).nullable(),
    level: z.enum(levels).nullable(),
    source: z.enum(sources).nullable(),
    lifecycleStage: z.enum(lifecycleStages),
    tags: z.array(z.string()),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    address: addressSchema.nullable(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    notes: z.string().nullable(),
    lastFollowUpAt: z.iso.datetime().nullable().describe("When the latest follow-up happened"),
    nextFollowUpAt: z.iso
      .datetime()
      .nullable()
      .describe(
        "The next follow-up planned by the most recent follow-up that planned one, until a follow-up happens at or after that time",
      ),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Customer" });

export const customerFiltersSchema = z.strictObject({
  kind: z.enum(customerKinds).optional(),
  industry: z.enum(industries).optional(),
  size: z.enum(sizes).optional(),
  level: z.enum(levels).optional(),
  source: z.enum(sources).optional(),
  lifecycleStage: z.enum(lifecycleStages).optional(),
  ownerId: z.uuid().optional(),
  tag: text(50).min(1).optional(),
  followUpDue: z
    .enum(followUpDue)
    .optional()
    .describe(
      "Next follow-up: overdue (before now), today or week (the next 7 days, in the organization's time zone), none",
    ),
});

export type CustomerCreate = z.output<typeof customerCreateSchema>;
export type CustomerUpdate = z.output<typeof customerUpdateSchema>;
export type CustomerFilters = z.output<typeof customerFiltersSchema>;
export type Customer = z.output<typeof customerSchema>;
