import { and, eq, gte, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "../../platform/db/client.ts";
import { invalidReference, validationFailed } from "../../platform/errors.ts";
import { resolveOwnership } from "../../platform/ownership.ts";
import { type Actor, can, scopeCondition } from "../../platform/permissions.ts";
import { defineResource, type ListParams } from "../../platform/resource.ts";
import { likePattern } from "../../platform/search.ts";
import { contactResource, ownsAnyContact, poolPreviewCondition } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerResource, ownsCustomer } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { users } from "../users/table.ts";
import { refreshFollowUpSummary } from "./customer-summary.ts";
import { nextFollowUpOpen } from "./plan-open.ts";
import type { FollowUp, FollowUpCreate, FollowUpFilters, FollowUpUpdate } from "./schema.ts";
import { followUps } from "./table.ts";

export type FollowUpRow = typeof followUps.$inferSelect & {
  ownerName: string | null;
  customerName: string | null;
  /** Its plan is still to be carried out (plan-open.ts). */
  nextFollowUpOpen: boolean;
  /** Added by followUpResource: the named contacts the caller can see, with their names. */
  contacts?: { id: string; name: string }[];
};

/** Adds the names of the contacts each follow-up names, those the caller can see (in one query). */
async function withContacts<R extends FollowUpRow>(db: Executor, actor: Actor, rows: R[]): Promise<R[]> {
  const ids = [...new Set(rows.flatMap((row) => row.contactIds))];
  const found =
    ids.length > 0 && can(actor, "contacts", "view")
      ? await db
          .select({ id: contacts.id, name: contacts.name })
          .from(contacts)
          .where(and(inArray(contacts.id, ids), contactResource.visibleCondition(actor)))
      : [];
  const byId = new Map(found.map((c) => [c.id, c]));
  return rows.map((row) => ({
    ...row,
    contacts: row.contactIds.flatMap((id) => byId.get(id) ?? []),
  }));
}
const withContactsOne = async <R extends FollowUpRow>(db: Executor, actor: Actor, row: R) =>
  (await withContacts(db, actor, [row]))[0] as R;

export const followUpAuditedFields = [
  "customerId",
  "contactIds",
  "kind",
  "occurredAt",
  "content",
  "outcome",
  "nextFollowUpAt",
  "ownerId",
  "departmentId",
] as const satisfies readonly (keyof FollowUpRow)[];

/** A follow-up may be logged up to a day ahead (a meeting written up the evening before), no further. */
const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

async function checkContacts(tx: Transaction, actor: Actor, customerId: string, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  const found = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.organizationId, actor.organizationId),
        eq(contacts.customerId, customerId),
        isNull(contacts.deletedAt),
        inArray(contacts.id, contactIds),
      ),
    );
  const known = new Set(found.map((c) => c.id));
  const missing = contactIds.find((id) => !known.has(id));
  if (missing) throw invalidReference("contactIds", `${missing} is not a contact of this customer`);
}

/**
 * The customer a follow-up is about. Given one, the contacts must be its people. Without one, the
 * follow-up is about its contacts, at least one, each one the caller can see; when they work at a
 * customer it takes that customer (its timeline and last/next follow-up then include it), so
 * people of two customers, or of a customer and of none, are refused.
 */
async function linkedCustomer(
  tx: Transaction,
  actor: Actor,
  customerId: string | null,
  contactIds: string[],
  currentCustomerId: string | null | undefined,
): Promise<string | null> {
  if (customerId) {
    if (customerId !== currentCustomerId) await customerResource.requireReference(tx, actor, customerId, "customerId");
    await checkContacts(tx, actor, customerId, contactIds);
    return customerId;
  }
  if (contactIds.length === 0) throw validationFailed("customerId", "give a customer or at least one contact");
  const found = await tx
    .select({ id: contacts.id, customerId: contacts.customerId })
    .from(contacts)
    .where(and(inArray(contacts.id, contactIds), contactResource.visibleCondition(actor)));
  const known = new Set(found.map((c) => c.id));
  const missing = contactIds.find((id) => !known.has(id));
  if (missing) throw invalidReference("contactIds", `${missing} is not a contact you can see`);
  const customerIds = new Set(found.map((c) => c.customerId));
  if (customerIds.size > 1) {
    throw validationFailed("contactIds", "must all work at one customer, or all be on their own");
  }
  const [inferred = null] = customerIds;
  if (inferred && inferred !== currentCustomerId) {
    await customerResource.requireReference(tx, actor, inferred, "contactIds").catch(() => {
      throw invalidReference("contactIds", "work at a customer you cannot see");
    });
  }
  return inferred;
}

function toDate(value: string | null | undefined, current: Date | null): Date | null {
  if (value === undefined) return current;
  return value === null ? null : new Date(value);
}

const sharedThrough = { module: "customers", id: followUps.customerId };
const followUpColumns = { ownerId: followUps.ownerId, departmentId: followUps.departmentId };

/** The follow-up's customer is one the actor sees; never, for a role without customer permission. */
const seesCustomerOf = (actor: Actor) =>
  can(actor, "customers", "view")
    ? sql`exists (select 1 from ${customers} where ${customers.id} = ${followUps.customerId} and ${customerResource.visibleCondition(actor)})`
    : sql`false`;

const base = defineResource<FollowUpRow, FollowUpCreate, FollowUpUpdate>({
  module: "followUps",
  // A customer's team members see its follow-ups, and edit them when they may edit the customer.
  sharedThrough,
  // A customer's owner reads all of its follow-ups, whoever logged them (a new owner reads the old
  // owner's), and so does a contact's owner those without a customer that name the contact; changing
  // one still takes the followUps scope covering its author, or a read-write share. Whoever previews
  // a pool customer reads its follow-ups too, while it is in the pool (poolPreviewCondition).
  scope: (actor, access) => {
    const scope = scopeCondition(actor, "followUps", { ...followUpColumns, sharedThrough }, access);
    if (!scope || access !== "read") return scope;
    const ownsLoneContact = sql`(${followUps.customerId} is null and ${ownsAnyContact(actor, followUps.contactIds)})`;
    const previewed = poolPreviewCondition(actor, followUps.customerId);
    return or(scope, ownsCustomer(actor, followUps.customerId), ownsLoneContact, previewed);
  },
  entityType: "followUp",
  label: "Follow-up",
  table: followUps,
  extraColumns: {
    ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${followUps.ownerId})`.as(
      "owner_name",
    ),
    customerName: sql<
      string | null
    >`(select ${customers.name} from ${customers} where ${customers.id} = ${followUps.customerId})`.as("customer_name"),
    nextFollowUpOpen: nextFollowUpOpen.as("next_follow_up_open"),
  },
  auditedFields: followUpAuditedFields,
  sorts: {
    occurredAt: { column: followUps.occurredAt, kind: "date" },
    createdAt: { column: followUps.createdAt, kind: "date" },
  },
  search: (q) => sql`lower(${followUps.content} || ' ' || coalesce(${followUps.outcome}, '')) like ${likePattern(q)}`,
  // Seeing a follow-up takes seeing its customer as well as the scope above. One without a customer
  // goes out of sight while all its people are in the trash, as a trashed customer's do. A previewed
  // pool customer counts as seen (its page is under the pool's permission, not the customer scope),
  // also by a role with no customer permission at all.
  visibleWhere: (actor) =>
    sql`(${seesCustomerOf(actor)}
      or (${followUps.customerId} is null and exists (select 1 from ${contacts}
        where ${contacts.id} = any(${followUps.contactIds}) and ${contacts.deletedAt} is null))
      or ${poolPreviewCondition(actor, followUps.customerId) ?? sql`false`})`,
  async toValues(tx, actor, input, current) {
    const { ownerId, version: _version, ...fields } = input as FollowUpCreate & Partial<FollowUpUpdate>;
    const contactIds = fields.contactIds ?? current?.contactIds ?? [];
    const customerId =
      current && fields.customerId === undefined && fields.contactIds === undefined
        ? current.customerId
        : await linkedCustomer(
            tx,
            actor,
            fields.customerId === undefined ? (current?.customerId ?? null) : fields.customerId,
            contactIds,
            current?.customerId,
          );
    const occurredAt = toDate(fields.occurredAt, current?.occurredAt ?? new Date()) ?? new Date();
    if (fields.occurredAt !== undefined && occurredAt.getTime() > Date.now() + MAX_AHEAD_MS) {
      throw validationFailed("occurredAt", "may be at most a day in the future");
    }
    const nextFollowUpAt = toDate(fields.nextFollowUpAt, current?.nextFollowUpAt ?? null);
    if (nextFollowUpAt && nextFollowUpAt <= occurredAt) {
      throw validationFailed("nextFollowUpAt", "must be after the time of this follow-up");
    }
    const ownership = await resolveOwnership(tx, actor, "followUps", ownerId, current);
    return {
      ...fields,
      customerId,
      contactIds,
      occurredAt,
      nextFollowUpAt,
      ...ownership,
      ...(current ? {} : { createdBy: actor.userId }),
    };
  },
});

/** Reads a follow-up's customer under a row lock, whoever may see it: the resource checks visibility. */
async function lockedCustomerOf(tx: Transaction, actor: Actor, id: string): Promise<string | null> {
  const [row] = await tx
    .select({ customerId: followUps.customerId })
    .from(followUps)
    .where(and(eq(followUps.id, id), eq(followUps.organizationId, actor.organizationId)))
    .for("update");
  return row?.customerId ?? null;
}

/**
 * The follow-up resource, with every change also keeping its customer's last and next follow-up
 * up to date in the same transaction.
 */
export const followUpResource = {
  ...base,
  async list(db: Executor, actor: Actor, params: ListParams) {
    const page = await base.list(db, actor, params);
    return { ...page, rows: await withContacts(db, actor, page.rows) };
  },
  async get(db: Executor, actor: Actor, id: string) {
    return withContactsOne(db, actor, await base.get(db, actor, id));
  },
  async create(tx: Transaction, actor: Actor, input: FollowUpCreate): Promise<FollowUpRow> {
    const row = await base.create(tx, actor, input);
    await refreshFollowUpSummary(tx, actor.organizationId, [row.customerId]);
    return withContactsOne(tx, actor, row);
  },
  update(db: Database, actor: Actor, id: string, input: FollowUpUpdate): Promise<FollowUpRow> {
    return db.transaction(async (tx) => {
      const before = await lockedCustomerOf(tx, actor, id);
      const row = await base.update(tx, actor, id, input);
      await refreshFollowUpSummary(tx, actor.organizationId, [before, row.customerId]);
      return withContactsOne(tx, actor, row);
    });
  },
  trash(db: Database, actor: Actor, id: string): Promise<FollowUpRow> {
    return db.transaction(async (tx) => {
      const row = await base.trash(tx, actor, id);
      await refreshFollowUpSummary(tx, actor.organizationId, [row.customerId]);
      return row;
    });
  },
  restore(db: Database, actor: Actor, id: string, expectedVersion?: number): Promise<FollowUpRow> {
    return db.transaction(async (tx) => {
      const row = await base.restore(tx, actor, id, expectedVersion);
      await refreshFollowUpSummary(tx, actor.organizationId, [row.customerId]);
      return withContactsOne(tx, actor, row);
    });
  },
  purge(db: Database, actor: Actor, id: string): Promise<void> {
    return db.transaction(async (tx) => {
      const customerId = await lockedCustomerOf(tx, actor, id);
      await base.purge(tx, actor, id);
      await refreshFollowUpSummary(tx, actor.organizationId, [customerId]);
    });
  },
};

export function followUpFilterConditions(f: FollowUpFilters): (SQL | undefined)[] {
  return [
    f.customerId ? eq(followUps.customerId, f.customerId) : undefined,
    f.contactId ? sql`${followUps.contactIds} @> array[${f.contactId}]::uuid[]` : undefined,
    f.kind ? eq(followUps.kind, f.kind) : undefined,
    f.ownerId ? eq(followUps.ownerId, f.ownerId) : undefined,
    f.occurredFrom ? gte(followUps.occurredAt, new Date(f.occurredFrom)) : undefined,
    f.occurredTo ? lt(followUps.occurredAt, new Date(f.occurredTo)) : undefined,
  ];
}

export function followUpToApi(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    customerId: row.customerId,
    customerName: row.customerName,
    contactIds: row.contactIds,
    contacts: row.contacts ?? [],
    kind: row.kind as FollowUp["kind"],
    occurredAt: row.occurredAt.toISOString(),
    content: row.content,
    outcome: row.outcome,
    nextFollowUpAt: row.nextFollowUpAt ? row.nextFollowUpAt.toISOString() : null,
    nextFollowUpOpen: row.nextFollowUpOpen,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  };
}
