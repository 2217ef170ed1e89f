import { type AnyColumn, arrayContains, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { resolveOwnership } from "../../platform/ownership.ts";
import type { Actor } from "../../platform/permissions.ts";
import { defineResource, type ResourceDefinition } from "../../platform/resource.ts";
import { wordsCondition } from "../../platform/search.ts";
import { type DuplicateKeyColumns, duplicateKeyColumns } from "../duplicates/table.ts";
import { followUpDueCondition } from "../follow-ups/due.ts";
import { customerOptionFields } from "../option-lists/lists.ts";
import { firstActiveKey, requireKnownFilterKeys, requireOptionValues } from "../option-lists/validate.ts";
import { users } from "../users/table.ts";
import type { Customer, CustomerCreate, CustomerFilters, CustomerUpdate } from "./schema.ts";
import { customers } from "./table.ts";

export type CustomerRow = Omit<typeof customers.$inferSelect, "searchText" | "searchBigrams" | DuplicateKeyColumns> & {
  ownerName: string | null;
};

export const customerAuditedFields = [
  "name",
  "kind",
  "industry",
  "size",
  "level",
  "source",
  "lifecycleStage",
  "tags",
  "phone",
  "email",
  "website",
  "address",
  "ownerId",
  "departmentId",
  "notes",
] as const satisfies readonly (keyof CustomerRow)[];

/** Exported for views of the same table under another module's permissions (the public pool). */
export const customerDefinition: ResourceDefinition<CustomerRow, CustomerCreate, CustomerUpdate> = {
  module: "customers",
  entityType: "customer",
  label: "Customer",
  customFields: "customer",
  ownerChangeByAction: true,
  table: customers,
  extraColumns: {
    ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${customers.ownerId})`.as(
      "owner_name",
    ),
  },
  hiddenColumns: ["searchText", "searchBigrams", ...duplicateKeyColumns],
  auditedFields: customerAuditedFields,
  sorts: {
    name: { column: customers.name, kind: "string" },
    createdAt: { column: customers.createdAt, kind: "date" },
    updatedAt: { column: customers.updatedAt, kind: "date" },
    lastFollowUpAt: { column: customers.lastFollowUpAt, kind: "date", nullable: true },
    nextFollowUpAt: { column: customers.nextFollowUpAt, kind: "date", nullable: true },
  },
  search: (q) => wordsCondition(q, customers.searchText, customers.searchBigrams),
  async toValues(tx, actor, input, current, heldBy) {
    const { ownerId, ...fields } = input as CustomerCreate & Partial<CustomerUpdate>;
    delete (fields as { version?: number }).version;
    const ownership = await resolveOwnership(tx, actor, "customers", ownerId, current);
    await requireOptionValues(tx, actor, customerOptionFields, fields, [current, ...heldBy], ["tags"]);
    if (!current && !fields.lifecycleStage)
      fields.lifecycleStage = await firstActiveKey(tx, actor, "customer.lifecycleStage");
    // Automatic reclaim counts from when the owner got the customer (modules/pool).
    const ownerChanged = current && "ownerId" in ownership && ownership.ownerId !== current.ownerId;
    const since = ownerChanged ? { ownerAssignedAt: new Date() } : {};
    return { ...fields, ...ownership, ...since, ...(current ? {} : { createdBy: actor.userId }) };
  },
};

export const customerResource = defineResource(customerDefinition);

// The list filters that name option-list keys (`tag` is one key of the tags list).
const { tags: tagList, ...singleOptionFields } = customerOptionFields;
const optionFilters = { ...singleOptionFields, tag: tagList };

/** A filter naming a key its option list never held is a 400, rather than a silently empty list. */
export const requireKnownCustomerFilters = (db: Executor, actor: Actor, f: CustomerFilters) =>
  requireKnownFilterKeys(db, actor, optionFilters, f);

/** The list filters as SQL. */
export function customerFilterConditions(f: CustomerFilters): (SQL | undefined)[] {
  return [
    f.kind ? eq(customers.kind, f.kind) : undefined,
    f.industry ? eq(customers.industry, f.industry) : undefined,
    f.size ? eq(customers.size, f.size) : undefined,
    f.level ? eq(customers.level, f.level) : undefined,
    f.source ? eq(customers.source, f.source) : undefined,
    f.lifecycleStage ? eq(customers.lifecycleStage, f.lifecycleStage) : undefined,
    f.ownerId ? eq(customers.ownerId, f.ownerId) : undefined,
    f.tag ? arrayContains(customers.tags, [f.tag]) : undefined,
    f.followUpDue ? followUpDueCondition(f.followUpDue) : undefined,
  ];
}

export function customerToApi(row: CustomerRow): Customer {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    kind: row.kind,
    industry: row.industry,
    size: row.size,
    level: row.level,
    source: row.source,
    lifecycleStage: row.lifecycleStage,
    tags: row.tags,
    phone: row.phone,
    email: row.email,
    website: row.website,
    address: row.address,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    ownerAssignedAt: row.ownerAssignedAt.toISOString(),
    notes: row.notes,
    custom: row.custom,
    lastFollowUpAt: row.lastFollowUpAt ? row.lastFollowUpAt.toISOString() : null,
    nextFollowUpAt: row.nextFollowUpAt ? row.nextFollowUpAt.toISOString() : null,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  } as Customer;
}

/** Whether the customer that `customerId` names belongs to the actor: its owner reads what hangs off it. */
export const ownsCustomer = (actor: Actor, customerId: AnyColumn): SQL =>
  sql`exists (select 1 from ${customers} where ${customers.id} = ${customerId} and ${customers.ownerId} = ${actor.userId})`;
