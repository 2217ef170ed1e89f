import { z } from "zod";
import { accessField, dateTimeInput, recordFields } from "../../platform/http.ts";

export const followUpKinds = ["call", "meeting", "visit", "email", "note"] as const;

const contactIds = z
  .array(z.uuid())
  .max(50)
  .transform((list) => [...new Set(list)]);

const editableFields = {
  customerId: z
    .uuid()
    .nullable()
    .describe(
      "The customer it is about. Absent or null: it is about its contacts (at least one), and takes their customer when they work at one",
    ),
  contactIds,
  kind: z.enum(followUpKinds),
  occurredAt: dateTimeInput.describe("When it happened; now when absent, at most a day ahead"),
  content: z.string().trim().min(1).max(10_000),
  outcome: z.string().trim().max(2_000).nullable(),
  nextFollowUpAt: dateTimeInput.nullable().describe("When to follow up next; after occurredAt"),
  ownerId: z.uuid().describe("Who followed up; the caller when absent (someone else needs transfer)"),
};

export const followUpCreateSchema = z
  .strictObject({ ...editableFields, contactIds: contactIds.default([]) })
  .partial({ customerId: true, occurredAt: true, outcome: true, nextFollowUpAt: true, ownerId: true })
  .meta({ id: "FollowUpCreate" });

export const followUpUpdateSchema = z
  .strictObject({ version: z.number().int().min(1), ...editableFields })
  .partial()
  .required({ version: true })
  .meta({ id: "FollowUpUpdate" });

export const followUpSchema = z
  .object({
    ...recordFields,
    customerId: z.uuid().nullable().describe("Null for a follow-up with people on their own"),
    customerName: z.string().nullable(),
    contactIds: z.array(z.uuid()),
    contacts: z
      .array(z.object({ id: z.uuid(), name: z.string() }))
      .describe("The contacts it names that the caller can see, with their names"),
    kind: z.enum(followUpKinds),
    occurredAt: z.iso.datetime(),
    content: z.string(),
    outcome: z.string().nullable(),
    nextFollowUpAt: z.iso.datetime().nullable(),
    nextFollowUpOpen: z
      .boolean()
      .describe(
        "Its plan is still to be carried out: no later follow-up planned anew or happened at or after nextFollowUpAt. Open and in the past: overdue; not open: carried out or replaced. False without a plan",
      ),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    deletedAt: z.iso.datetime().nullable(),
    access: accessField,
  })
  .meta({ id: "FollowUp" });

export const followUpFiltersSchema = z.strictObject({
  customerId: z.uuid().optional(),
  contactId: z.uuid().optional().describe("Only the follow-ups naming this contact"),
  kind: z.enum(followUpKinds).optional(),
  ownerId: z.uuid().optional(),
  occurredFrom: dateTimeInput.optional().describe("Happened at or after this time"),
  occurredTo: dateTimeInput.optional().describe("Happened before this time"),
});

export type FollowUpCreate = z.output<typeof followUpCreateSchema>;
export type FollowUpUpdate = z.output<typeof followUpUpdateSchema>;
export type FollowUpFilters = z.output<typeof followUpFiltersSchema>;
export type FollowUp = z.output<typeof followUpSchema>;
