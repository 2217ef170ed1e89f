import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../platform/db/client.ts";
import { AppError, validationFailed } from "../../platform/errors.ts";
import { type Actor, can, requirePermission } from "../../platform/permissions.ts";
import { customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { findDuplicates } from "../duplicates/matcher.ts";
import { users } from "../users/table.ts";
import { buyingRoles, type ContactCreate, contactCreateSchema } from "./schema.ts";
import { contactResource } from "./service.ts";
import { contacts } from "./table.ts";
import { type CardContact, parseVCards } from "./vcard.ts";

export type CardResult = {
  number: number;
  name: string | null;
  status: "created" | "updated" | "skipped";
  id: string | null;
  reason: string | null;
  warnings: string[];
};

type Prepared = {
  number: number;
  name: string | null;
  input?: ContactCreate;
  skip?: string;
  invalid?: string;
  warnings: string[];
};

const cardName = (p: Prepared) => (p.name ? `card ${p.number} (${p.name})` : `card ${p.number}`);

/** The label a card's problem names its field by: what a person sees on the card, not a schema path. */
const fieldLabels: Record<string, string> = {
  name: "Name",
  title: "Title",
  department: "Department",
  phones: "Phone",
  emails: "Email",
  im: "IM",
  birthday: "Birthday",
  buyingRole: "Buying role",
  notes: "Notes",
};
const fieldLabel = (path: PropertyKey[]) => fieldLabels[String(path[0])] ?? (path.join(".") || "card");

const uuidOf = (uid: string | null) =>
  uid
    ? (/^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(uid)?.[1] ?? null)
    : null;

/** The one customer the caller can see with exactly this name, if there is one. */
async function customerNamed(tx: Transaction, actor: Actor, name: string): Promise<string | null> {
  try {
    const page = await customerResource.list(tx, actor, {
      conditions: [sql`lower(${customers.name}) = lower(${name})`],
      sort: "name",
      limit: 2,
    });
    return page.rows.length === 1 ? (page.rows[0]?.id ?? null) : null;
  } catch (error) {
    // Without access to customers, the card is imported without its company.
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  }
}

async function prepare(tx: Transaction, actor: Actor, card: CardContact, seen: Map<string, number>) {
  const warnings: string[] = [];
  const id = uuidOf(card.uid);
  if (id) {
    const earlier = seen.get(id);
    if (earlier) return { skip: `repeats card ${earlier} (same UID)`, warnings };
    const [existing] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, id), eq(contacts.organizationId, actor.organizationId)));
    if (existing) return { skip: "this contact already exists here (same UID)", warnings };
  }
  let customerId: string | null = null;
  if (card.organization) {
    customerId = await customerNamed(tx, actor, card.organization);
    if (!customerId) warnings.push(`ORG "${card.organization}" is not one customer you can see: imported without it`);
  }
  let buyingRole = card.buyingRole;
  if (buyingRole && !(buyingRoles as readonly string[]).includes(buyingRole)) {
    warnings.push(`unknown buying role "${buyingRole}" left out`);
    buyingRole = null;
  }
  const parsed = contactCreateSchema.safeParse({
    name: card.name,
    title: card.title,
    department: card.department,
    phones: card.phones,
    emails: card.emails,
    im: card.im,
    birthday: card.birthday,
    buyingRole,
    notes: card.notes,
    customerId,
  });
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${fieldLabel(i.path)}: ${i.message}`).join("; ");
    return { invalid: reason, warnings };
  }
  return { input: parsed.data, warnings };
}

/** What to do with a card that matches an existing contact by the duplicate rules, as the CSV import offers. */
export const vcardDuplicateModes = ["skip", "update", "create"] as const;
export type VCardDuplicateMode = (typeof vcardDuplicateModes)[number];

type Decision = { create: true } | { skip: string; id?: string } | { update: string; named: string };

/**
 * The duplicate rules applied to one card, as the CSV import applies them (imports/plan.ts): a match
 * the importer may not see is named by its owner only, one they may not edit is skipped, and a
 * contact is updated once. Checked card by card in the import's transaction, so a card repeating an
 * earlier card of the file matches the contact that card created.
 */
async function decide(
  tx: Transaction,
  actor: Actor,
  input: ContactCreate,
  mode: VCardDuplicateMode,
  updated: Set<string>,
): Promise<Decision> {
  if (mode === "create") return { create: true };
  const target = (await findDuplicates(tx, actor.organizationId, "contact", [input])).get(0)?.[0];
  if (!target) return { create: true };
  const flag = (condition: SQL | undefined) => sql<boolean>`coalesce((${condition ?? sql`true`}), false)`;
  const mayView = can(actor, "contacts", "view");
  const mayEdit = mode === "update" && mayView && can(actor, "contacts", "edit");
  const [match] = await tx
    .select({
      name: contacts.name,
      ownerName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${contacts.ownerId})`,
      visible: mayView ? flag(contactResource.visibleCondition(actor)) : sql<boolean>`false`,
      writable: mayEdit ? flag(contactResource.writableCondition(actor)) : sql<boolean>`false`,
    })
    .from(contacts)
    .where(eq(contacts.id, target));
  if (!match) return { create: true };
  if (!match.visible)
    return {
      skip: match.ownerName
        ? `matches a record of ${match.ownerName} that you may not see`
        : "matches a record you may not see",
    };
  const named = `matches "${match.name}" (${target})`;
  if (mode === "skip") return { skip: named, id: target };
  if (!match.writable) return { skip: `${named}, a record you may not edit`, id: target };
  if (updated.has(target)) return { skip: `${named}, already updated by an earlier card`, id: target };
  return { update: target, named };
}

/** Updates a matched contact with what the card gives; an empty value never blanks a stored one. */
async function updateFromCard(tx: Transaction, actor: Actor, id: string, input: ContactCreate) {
  const [current] = await tx.select({ version: contacts.version }).from(contacts).where(eq(contacts.id, id));
  const given = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
  // A savepoint inside the import's transaction: the resource opens its own transaction.
  return contactResource.update(tx as unknown as Database, actor, id, { ...given, version: current?.version ?? 1 });
}

/**
 * Imports a .vcf file (its bytes, or its text) in the caller's transaction: all cards or none,
 * unless skipInvalid, when invalid cards are reported as skipped and the valid ones created. A card
 * matching an existing contact is skipped, updates it or is created anyway (`duplicates`).
 */
export async function importVCards(
  tx: Transaction,
  actor: Actor,
  file: Buffer | string,
  skipInvalid: boolean,
  duplicates: VCardDuplicateMode = "skip",
): Promise<{ created: number; updated: number; skipped: number; cards: CardResult[] }> {
  requirePermission(actor, "contacts", "import");
  requirePermission(actor, "contacts", "create");
  if (duplicates === "update") requirePermission(actor, "contacts", "edit");
  const cards = parseVCards(file);
  if (!Array.isArray(cards)) throw validationFailed("body", cards.error);

  const seen = new Map<string, number>();
  const prepared: Prepared[] = [];
  for (const card of cards) {
    if ("error" in card) {
      prepared.push({ number: card.number, name: null, invalid: card.error, warnings: [] });
      continue;
    }
    const result = await prepare(tx, actor, card.contact, seen);
    const id = uuidOf(card.contact.uid);
    if (id && !seen.has(id)) seen.set(id, card.number);
    prepared.push({
      number: card.number,
      name: card.contact.name,
      ...result,
      warnings: [...card.warnings, ...result.warnings],
    });
  }

  const invalid = prepared.filter((p) => p.invalid);
  if (invalid.length > 0 && !skipInvalid) {
    throw new AppError(
      "validation_failed",
      `${invalid.length} of ${cards.length} cards are not valid; nothing was imported (or retry with skipInvalid=true)`,
      invalid.map((p) => ({
        path: `cards.${p.number}`,
        message: `${cardName(p)}: ${p.invalid}`,
      })),
    );
  }

  const results: CardResult[] = [];
  const updatedIds = new Set<string>();
  for (const p of prepared) {
    const base = { number: p.number, name: p.name, warnings: p.warnings };
    if (!p.input) {
      results.push({ ...base, status: "skipped", id: null, reason: p.skip ?? `not valid: ${p.invalid}` });
      continue;
    }
    const decision = await decide(tx, actor, p.input, duplicates, updatedIds);
    if ("create" in decision) {
      const row = await contactResource.create(tx, actor, p.input);
      results.push({ ...base, status: "created", id: row.id, reason: null });
    } else if ("update" in decision) {
      await updateFromCard(tx, actor, decision.update, p.input);
      updatedIds.add(decision.update);
      results.push({ ...base, status: "updated", id: decision.update, reason: decision.named });
    } else results.push({ ...base, status: "skipped", id: decision.id ?? null, reason: decision.skip });
  }
  const count = (status: CardResult["status"]) => results.filter((r) => r.status === status).length;
  return { created: count("created"), updated: count("updated"), skipped: count("skipped"), cards: results };
}
