import { z } from "zod";

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).describe("What the user typed: a name, phone number, email or company"),
  limit: z.coerce.number().int().min(1).max(20).default(6).describe("Most results per kind"),
});

export const searchHitSchema = z
  .object({
    kind: z.enum(["customer", "contact"]),
    id: z.uuid(),
    name: z.string(),
    /** What else identifies the record: a contact's company, a phone, an email. */
    company: z.string().nullable().describe("The contact's customer; null for customers"),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    ownerName: z.string().nullable(),
  })
  .meta({ id: "SearchHit" });

export const searchResultSchema = z
  .object({
    customers: z.array(searchHitSchema),
    contacts: z.array(searchHitSchema),
  })
  .meta({ id: "SearchResult" });

export type SearchHit = z.output<typeof searchHitSchema>;
export type SearchResult = z.output<typeof searchResultSchema>;
