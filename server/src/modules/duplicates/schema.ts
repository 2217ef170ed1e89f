import { z } from "zod";
import { recordFields } from "../../platform/http.ts";
import { MAX_GROUP_IDS } from "./finder.ts";
import { duplicateFields } from "./objects.ts";
import { matchKinds } from "./rules.ts";

const objectType = z.string().trim().min(1).max(50).describe("The record type: customer or contact");

export const duplicateRuleSchema = z
  .object({
    ...recordFields,
    objectType: z.string(),
    field: z.enum(duplicateFields),
    match: z.enum(matchKinds),
    active: z.boolean(),
  })
  .meta({ id: "DuplicateRule" });

export const duplicateRuleUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    match: z.enum(matchKinds).optional().describe("fuzzy is for names only: similar names, not just equal ones"),
    active: z.boolean().optional(),
  })
  .meta({ id: "DuplicateRuleUpdate" });

/** The values the rules read, typed; the rest of a form's draft may come along and is ignored. */
const draftText = (max: number) => z.string().max(max).nullish();
const draftSchema = z.looseObject({
  name: draftText(500),
  kind: draftText(50),
  phone: draftText(100),
  email: draftText(254),
  website: draftText(2000),
  phones: z
    .array(z.looseObject({ number: draftText(100) }))
    .max(50)
    .nullish(),
  emails: z
    .array(z.looseObject({ address: draftText(254) }))
    .max(50)
    .nullish(),
});

export const duplicateCheckSchema = z
  .strictObject({
    objectType,
    record: draftSchema.describe(
      "The draft, shaped like the create body (name, phone, email, website; a contact's phones, emails)",
    ),
    excludeId: z.uuid().optional().describe("The record being edited, which is no duplicate of itself"),
  })
  .meta({ id: "DuplicateCheck" });

export const duplicateMatchSchema = z
  .object({
    visible: z.boolean().describe("false: outside your data scope; only its owner is told"),
    id: z.uuid().nullable(),
    name: z.string().nullable(),
    ownerName: z.string().nullable(),
    matchedOn: z.array(z.enum(duplicateFields)),
  })
  .meta({ id: "DuplicateMatch" });

const duplicateKeySchema = z
  .strictObject({
    field: z.enum(duplicateFields),
    key: z.string().min(1).max(1000).describe("The normalized value the records share, as the finder gave it"),
  })
  .meta({ id: "DuplicateKey" });

/** Pairs of records may share a few phones or emails; more than this is no finder group. */
const MAX_MATCHES = 100;
const ids = (min: number, max: number) => z.array(z.uuid()).min(min).max(max);

export const duplicateGroupSchema = z
  .object({
    matches: z
      .array(duplicateKeySchema)
      .describe(
        "Every key the group's records share, ordered by field, then key: records sharing a name and a phone make one group with both",
      ),
    count: z.number().int(),
    records: z
      .array(
        z.object({ id: z.uuid(), name: z.string(), ownerName: z.string().nullable(), createdAt: z.iso.datetime() }),
      )
      .describe("The group's first 20 records, the oldest first"),
    recordIds: z
      .array(z.uuid())
      .describe(`Every record of the group (the first ${MAX_GROUP_IDS}): what a dismissal of it names`),
    dismissal: z
      .object({
        ids: z
          .array(z.uuid())
          .describe("The dismissal of each match, in the order of matches: what taking the group back names"),
        by: z.string().nullable().describe("Who dismissed it last"),
        at: z.iso.datetime(),
      })
      .nullable()
      .describe("Who said these are not duplicates, and when (in the list of dismissed groups; null elsewhere)"),
  })
  .meta({ id: "DuplicateGroup" });

export const dismissalCreateSchema = z
  .strictObject({
    matches: z
      .array(duplicateKeySchema)
      .min(1)
      .max(MAX_MATCHES)
      .describe("The group's matches: each key is dismissed for these records"),
    ids: ids(2, MAX_GROUP_IDS).describe("The group's records judged not duplicates of each other: its recordIds"),
  })
  .meta({ id: "DuplicateDismissalCreate" });

export const dismissalSchema = z
  .object({
    id: z.uuid(),
    objectType: z.string(),
    field: z.enum(duplicateFields),
    key: z.string(),
    recordIds: z.array(z.uuid()).describe("The records judged under this key so far that the caller can see"),
    by: z.string().nullable().describe("Who dismissed it last"),
    at: z.iso.datetime(),
  })
  .meta({ id: "DuplicateDismissal" });

export const dismissalRestoreSchema = z
  .strictObject({
    ids: ids(1, MAX_MATCHES).describe("The dismissals to take back: a dismissed group's dismissal.ids"),
  })
  .meta({ id: "DuplicateDismissalRestore" });

const versioned = z.strictObject({ id: z.uuid(), version: z.number().int().min(1) });

export const mergeSchema = z
  .strictObject({
    objectType,
    survivor: versioned.describe("The record that stays"),
    merged: z.array(versioned).min(1).max(20).describe("The records merged into it, then moved to the trash"),
    values: z
      .record(z.string().max(100), z.uuid())
      .default({})
      .describe("Field -> id of the record whose value survives; fields not named keep the survivor's"),
    custom: z
      .record(z.string().max(100), z.uuid())
      .optional()
      .describe("Custom field key -> id of the record whose value survives"),
  })
  .meta({ id: "DuplicateMerge" });

export const mergeResultSchema = z
  .object({
    record: z.record(z.string(), z.unknown()).describe("The survivor as its own API shows it"),
    moved: z.record(z.string(), z.number().int()).describe("Related records moved to the survivor, by kind"),
  })
  .meta({ id: "DuplicateMergeResult" });
