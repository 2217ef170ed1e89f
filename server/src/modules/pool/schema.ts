import { z } from "zod";
import { contactFiltersSchema } from "../contacts/schema.ts";
import { customerFiltersSchema, customerSchema } from "../customers/schema.ts";

const days = z.number().int().min(1).max(3650);

export const reclaimRuleSchema = z
  .strictObject({
    level: z.string().trim().min(1).max(50).nullable().describe("The customer level it applies to; null: every other"),
    noFollowUpDays: days.nullable().describe("Reclaim after this many days without a follow-up"),
    noDealDays: days
      .nullable()
      .describe("Reclaim after this many days without a won deal; until deals exist, counted from ownerAssignedAt"),
    noticeDays: z.number().int().min(0).max(365).describe("Notify the owner this many days before"),
  })
  .refine((r) => r.noFollowUpDays !== null || r.noDealDays !== null, {
    message: "set noFollowUpDays or noDealDays",
    path: ["noFollowUpDays"],
  })
  // A notice before the owner has even had the customer that long would come on the day they get it.
  .refine((r) => r.noticeDays < Math.min(r.noFollowUpDays ?? Infinity, r.noDealDays ?? Infinity), {
    message: "must be fewer days than the rule's reclaim period",
    path: ["noticeDays"],
  })
  .meta({ id: "ReclaimRule" });

export const poolSettingsSchema = z
  .object({
    maxOwnedCustomers: z.number().int().nullable().describe("How many customers one user may own to claim more"),
    reclaimRules: z.array(reclaimRuleSchema),
    version: z.number().int(),
    ownedByMe: z.number().int().describe("How many live customers the caller owns"),
  })
  .meta({ id: "PoolSettings" });

export const poolSettingsUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    maxOwnedCustomers: z.number().int().min(0).max(1_000_000).nullable(),
    reclaimRules: z
      .array(reclaimRuleSchema)
      .max(50)
      .refine((rules) => new Set(rules.map((r) => r.level)).size === rules.length, {
        message: "one rule per level",
      }),
  })
  .meta({ id: "PoolSettingsUpdate" });

const reason = z.string().trim().min(1).max(500).describe("Why; shown in the customer's history");

export const releaseSchema = z.strictObject({ reason, version: z.number().int().min(1).optional() });
export const transferSchema = z.strictObject({
  ownerId: z.uuid(),
  reason,
  version: z.number().int().min(1).optional(),
});

/** What a release or a transfer answers: whether the caller may still open the customer's page. */
export const ownerChangeResultSchema = z
  .object({
    visible: z
      .boolean()
      .describe(
        "Whether the caller still sees the customer after the change (its scope, or a team membership, holds it); " +
          "false: reading it now answers 404",
      ),
  })
  .meta({ id: "OwnerChangeResult" });

/**
 * "Every record the list shows with these filters": the list's own filters and search, and its
 * custom field filters (custom.<key>[op]), as the list's query string has them.
 */
function listFilter(filters: z.ZodObject) {
  return filters
    .extend({ q: z.string().trim().max(200).optional() })
    .catchall(z.union([z.string().max(500), z.array(z.string().max(500)).max(20)]))
    .superRefine((filter, ctx) => {
      for (const key of Object.keys(filter)) {
        if (!(key in filters.shape) && key !== "q" && !key.startsWith("custom.")) {
          ctx.addIssue({ code: "custom", path: [key], message: "is not a filter of this list" });
        }
      }
    });
}
const instead = "Instead of ids: every record the list shows with these filters";

export const bulkActions = ["addTag", "removeTag", "transfer", "release", "delete"] as const;

/** The most records one bulk request changes: all or nothing, in one transaction. */
export const BULK_LIMIT = 1000;

export const customerBulkSchema = z
  .strictObject({
    action: z.enum(bulkActions),
    ids: z.array(z.uuid()).min(1).max(BULK_LIMIT).optional().describe("The selected records"),
    filter: listFilter(customerFiltersSchema).optional().describe(instead),
    tag: z.string().trim().min(1).max(50).optional().describe("For addTag and removeTag"),
    ownerId: z.uuid().optional().describe("For transfer"),
    reason: reason.optional().describe("For transfer and release"),
  })
  .meta({ id: "CustomerBulk" });

/** The rules an automatic reclaim names (reclaim.ts): no follow-up, or no deal, for too long. */
export const reclaimRuleNames = ["noFollowUp", "noDeal"] as const;
export type ReclaimRuleName = (typeof reclaimRuleNames)[number];

/** A customer in the pool, with why it is there and whose it was (from its history). */
export const poolCustomerSchema = customerSchema
  .extend({
    releaseReason: z
      .string()
      .nullable()
      .describe("The reason given when it was released to the pool; null after an automatic reclaim or if never owned"),
    reclaimRule: z.enum(reclaimRuleNames).nullable().describe("The rule that reclaimed it automatically, if one did"),
    previousOwnerId: z.uuid().nullable().describe("Whose it was before it came to the pool"),
    previousOwnerName: z.string().nullable(),
  })
  .meta({ id: "PoolCustomer" });

export const bulkResultSchema = z.object({ count: z.number().int() }).meta({ id: "BulkResult" });

export type ReclaimRuleInput = z.output<typeof reclaimRuleSchema>;
export type CustomerBulk = z.output<typeof customerBulkSchema>;

export const contactBulkSchema = z
  .strictObject({
    action: z.enum(["delete"]),
    ids: z.array(z.uuid()).min(1).max(BULK_LIMIT).optional().describe("The selected records"),
    filter: listFilter(contactFiltersSchema).optional().describe(instead),
  })
  .meta({ id: "ContactBulk" });

export type ContactBulk = z.output<typeof contactBulkSchema>;

const countedFilter = "Every record the list shows with these filters, as the bulk action takes it";

export const customerBulkCountSchema = z
  .strictObject({ filter: listFilter(customerFiltersSchema).describe(countedFilter) })
  .meta({ id: "CustomerBulkCount" });

export const contactBulkCountSchema = z
  .strictObject({ filter: listFilter(contactFiltersSchema).describe(countedFilter) })
  .meta({ id: "ContactBulkCount" });

export const bulkCountSchema = z
  .object({
    count: z
      .number()
      .int()
      .describe("How many records a bulk action would change: those the caller may change; limit + 1 means more"),
    limit: z.number().int().describe("The most records one bulk request changes"),
  })
  .meta({ id: "BulkCount" });
