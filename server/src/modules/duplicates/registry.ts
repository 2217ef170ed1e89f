import { sql } from "drizzle-orm";
import { contactAuditedFields, contactResource, contactToApi } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerAuditedFields, customerResource, customerToApi } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { type MergeableResource, registerDuplicateObject, stringsOf } from "./objects.ts";

// The record types of issue 3; later modules register theirs the same way from their own folder.

registerDuplicateObject({
  objectType: "customer",
  module: "customers",
  table: customers,
  nameColumn: customers.name,
  keys: {
    name: customers.dupName,
    phone: customers.dupPhones,
    email: customers.dupEmails,
    domain: customers.dupDomains,
  },
  // A person's email or website domain is theirs, not a company's: it says nothing about duplicates.
  keyApplies: { domain: sql`${customers.kind} <> 'person'` },
  draftValues: (draft, field) => {
    if (field !== "domain") return stringsOf(draft[field]);
    return draft.kind === "person" ? [] : [...stringsOf(draft.website), ...stringsOf(draft.email)];
  },
  // Every edited field but the department, which follows the picked owner.
  mergeFields: customerAuditedFields.filter((field) => field !== "departmentId"),
  resource: customerResource as unknown as MergeableResource,
  toApi: (row) => customerToApi(row as never),
});

registerDuplicateObject({
  objectType: "contact",
  module: "contacts",
  table: contacts,
  nameColumn: contacts.name,
  keys: { name: contacts.dupName, phone: contacts.dupPhones, email: contacts.dupEmails },
  // The create body's lists, or a single phone / email (an import's columns).
  draftValues: (draft, field) => {
    if (field === "phone") return [...stringsOf(draft.phones, "number"), ...stringsOf(draft.phone)];
    if (field === "email") return [...stringsOf(draft.emails, "address"), ...stringsOf(draft.email)];
    return stringsOf(draft[field]);
  },
  // Every edited field but the department (follows the owner) and the primary flag (the survivor keeps its own).
  mergeFields: contactAuditedFields.filter((field) => field !== "departmentId" && field !== "isPrimary"),
  resource: contactResource as unknown as MergeableResource,
  toApi: (row) => contactToApi(row as never),
});
