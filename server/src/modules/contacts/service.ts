import { type AnyColumn, and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import type { Transaction } from "../../platform/db/client.ts";
import { AppError, validationFailed } from "../../platform/errors.ts";
import { resolveOwnership } from "../../platform/ownership.ts";
import { type Actor, can, scopeCondition } from "../../platform/permissions.ts";
import { defineResource } from "../../platform/resource.ts";
import { keywordCondition, wordsCondition } from "../../platform/search.ts";
import { customerResource, ownsCustomer } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { type DuplicateKeyColumns, duplicateKeyColumns } from "../duplicates/table.ts";
import { adoptCustomer } from "../follow-ups/adopt-customer.ts";
import { users } from "../users/table.ts";
import type { Contact, ContactCreate, ContactFilters, ContactUpdate } from "./schema.ts";
import { contacts } from "./table.ts";

export type ContactRow = Omit<typeof contacts.$inferSelect, "searchText" | "searchBigrams" | DuplicateKeyColumns> & {
  ownerName: string | null;
  customerName: string | null;
};

export const contactAuditedFields = [
  "customerId",
  "name",
  "title",
  "department",
  "phones",
  "emails",
  "im",
  "birthday",
  "buyingRole",
  "isPrimary",
  "ownerId",
  "departmentId",
  "notes",
] as const satisfies readonly (keyof ContactRow)[];

/**
 * Takes the primary mark off the customer's other contacts (trashed ones and those outside the
 * caller's scope too: the rule is per customer), each change audited, in the caller's transaction.
 */
async function clearPrimary(tx: Transaction, actor: Actor, customerId: string, keepId: string | undefined) {
  const previous = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.organizationId, actor.organizationId),
        eq(contacts.customerId, customerId),
        eq(contacts.isPrimary, true),
        keepId ? ne(contacts.id, keepId) : undefined,
      ),
    )
    .for("update");
  for (const { id } of previous) {
    await tx
      .update(contacts)
      .set({ isPrimary: false, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
      .where(eq(contacts.id, id));
    await writeAudit(tx, actor, {
      entityType: "contact",
      entityId: id,
      action: "update",
      changes: [{ field: "isPrimary", from: true, to: false }],
    });
  }
}

const sharedThrough = { module: "customers", id: contacts.customerId };
const scopedColumns = { ownerId: contacts.ownerId, departmentId: contacts.departmentId, id: contacts.id };

export const contactResource = defineResource<ContactRow, ContactCreate, ContactUpdate>({
  module: "contacts",
  // A customer's team members see its contacts, and edit them when they may edit the customer.
  sharedThrough,
  // A customer's owner reads all of its contacts, whoever holds them, and so does whoever previews a
  // pool customer, while it is in the pool (poolPreviewCondition); changing one takes the contacts
  // scope or a read-write share.
  scope: (actor, access) => {
    const scope = scopeCondition(actor, "contacts", { ...scopedColumns, sharedThrough }, access);
    if (!scope || access !== "read") return scope;
    return or(scope, ownsCustomer(actor, contacts.customerId), poolPreviewCondition(actor, contacts.customerId));
  },
  entityType: "contact",
  label: "Contact",
  customFields: "contact",
  table: contacts,
  extraColumns: {
    ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${contacts.ownerId})`.as(
      "owner_name",
    ),
    customerName: sql<
      string | null
    >`(select ${customers.name} from ${customers} where ${customers.id} = ${contacts.customerId})`.as("customer_name"),
  },
  hiddenColumns: ["searchText", "searchBigrams", ...duplicateKeyColumns],
  auditedFields: contactAuditedFields,
  sorts: {
    name: { column: contacts.name, kind: "string" },
    createdAt: { column: contacts.createdAt, kind: "date" },
    updatedAt: { column: contacts.updatedAt, kind: "date" },
  },
  // The list's box takes the words in any order; the global search (Ctrl+K) ranks phrases its own way.
  search: (q) => contactKeywordCondition(q, wordsCondition),
  async toValues(tx, actor, input, current) {
    const { ownerId, customerId, isPrimary, ...fields } = input as ContactCreate & Partial<ContactUpdate>;
    delete (fields as { version?: number }).version;
    const ownership = await resolveOwnership(tx, actor, "contacts", ownerId, current);
    const nextCustomerId = customerId === undefined ? (current?.customerId ?? null) : customerId;
    if (nextCustomerId && nextCustomerId !== current?.customerId)
      await customerResource.requireReference(tx, actor, nextCustomerId, "customerId");
    let nextPrimary = isPrimary ?? current?.isPrimary ?? false;
    if (nextPrimary && !nextCustomerId) {
      if (isPrimary) throw validationFailed("isPrimary", "needs a customerId: a primary contact is a customer's");
      // Taken off its customer, a contact is no longer anyone's primary contact.
      nextPrimary = false;
    }
    // Someone on their own joining a customer brings their follow-ups along to its timeline.
    if (current && current.customerId === null && nextCustomerId)
      await adoptCustomer(tx, actor, current.id, nextCustomerId);
    const becomesPrimary = nextPrimary && (!current?.isPrimary || current.customerId !== nextCustomerId);
    if (becomesPrimary && nextCustomerId) {
      // The primary contact is the customer's to name: it takes leave to edit the customer, since it
      // takes the mark off another contact, perhaps one the caller may not see.
      await customerResource.findWritable(tx, actor, nextCustomerId).catch(() => {
        throw new AppError("forbidden", "Only whoever may edit the customer names its primary contact", [
          { path: "isPrimary", message: "only whoever may edit the customer names its primary contact" },
        ]);
      });
      await clearPrimary(tx, actor, nextCustomerId, current?.id);
    }
    return {
      ...fields,
      ...ownership,
      customerId: nextCustomerId,
      isPrimary: nextPrimary,
      ...(current ? {} : { createdBy: actor.userId }),
    };
  },
});

/**
 * A pool customer's page (modules/pool/preview.ts): the caller reading one customer of the public pool
 * before claiming it. While it is in the pool, whoever may view the pool reads its contacts and
 * follow-ups there, read only: the twin of its owner reading them (docs/decisions/0008). Only the
 * queries of that page carry the customer, so the pool never widens the contact and follow-up lists,
 * exports or search, and a customer with an owner is never read this way.
 */
export type PoolPreviewActor = Actor & { readonly poolCustomerId: string };

export const previewingPoolCustomer = (actor: Actor, customerId: string): PoolPreviewActor => ({
  ...actor,
  poolCustomerId: customerId,
});

/** The rows about the previewed customer (`customerId` names it) while it is a live pool customer; else none. */
export function poolPreviewCondition(actor: Actor, customerId: AnyColumn): SQL | undefined {
  const previewed = "poolCustomerId" in actor ? actor.poolCustomerId : undefined;
  if (typeof previewed !== "string" || !can(actor, "pool", "view")) return undefined;
  return sql`(${customerId} = ${previewed} and exists (select 1 from ${customers}
    where ${customers.id} = ${previewed} and ${customers.organizationId} = ${actor.organizationId}
      and ${customers.ownerId} is null and ${customers.deletedAt} is null))`;
}

/** Whether one of the contacts a uuid[] column names belongs to the actor: their owner reads what involves them. */
export const ownsAnyContact = (actor: Actor, contactIds: AnyColumn): SQL =>
  sql`exists (select 1 from ${contacts} where ${contacts.id} = any(${contactIds}) and ${contacts.ownerId} = ${actor.userId})`;

export function contactFilterConditions(f: ContactFilters): (SQL | undefined)[] {
  return [
    f.customerId ? eq(contacts.customerId, f.customerId) : undefined,
    f.buyingRole ? eq(contacts.buyingRole, f.buyingRole) : undefined,
    f.isPrimary === undefined ? undefined : eq(contacts.isPrimary, f.isPrimary),
    f.ownerId ? eq(contacts.ownerId, f.ownerId) : undefined,
  ];
}

export function contactToApi(row: ContactRow): Contact {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    customerId: row.customerId,
    customerName: row.customerName,
    name: row.name,
    title: row.title,
    department: row.department,
    phones: row.phones,
    emails: row.emails,
    im: row.im,
    birthday: row.birthday,
    buyingRole: row.buyingRole,
    isPrimary: row.isPrimary,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    notes: row.notes,
    custom: row.custom,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  } as Contact;
}

/**
 * The contact's own text, or the name of the company they work at, matched by `match`. The companies come as an array
 * (`= any(array(…))`) so the planner can combine both index scans instead of reading every contact.
 */
export function contactKeywordCondition(q: string, match = keywordCondition): SQL {
  const companies = sql`array(select ${customers.id} from ${customers} where ${match(q, customers.searchText, customers.searchBigrams)})`;
  return sql`(${match(q, contacts.searchText, contacts.searchBigrams)} or ${contacts.customerId} = any(${companies}))`;
}
