import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../platform/db/client.ts";
import { AppError, validationFailed } from "../../platform/errors.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { buyingRoles, type ContactCreate, contactCreateSchema } from "./schema.ts";
import { contactResource } from "./service.ts";
import { contacts } from "./table.ts";
import { type CardContact, parseVCards } from "./vcard.ts";

export type CardResult = {
  number: number;
  name: string | null;
  status: "created" | "skipped";
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
    const reason = parsed.error.issues.map((i) => `${i.path.join(".") || "card"}: ${i.message}`).join("; ");
    return { invalid: reason, warnings };
  }
  return { input: parsed.data, warnings };
}

/**
 * Imports a .vcf file (its bytes, or its text) in the caller's transaction: all cards or none,
 * unless skipInvalid, when invalid cards are reported as skipped and the valid ones created.
 */
export async function importVCards(
  tx: Transaction,
  actor: Actor,
  file: Buffer | string,
  skipInvalid: boolean,
): Promise<{ created: number; skipped: number; cards: CardResult[] }> {
  requirePermission(actor, "contacts", "import");
  requirePermission(actor, "contacts", "create");
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
  for (const p of prepared) {
    const base = { number: p.number, name: p.name, warnings: p.warnings };
    if (p.input) {
      const row = await contactResource.create(tx, actor, p.input);
      results.push({ ...base, status: "created", id: row.id, reason: null });
    } else {
      results.push({ ...base, status: "skipped", id: null, reason: p.skip ?? `not valid: ${p.invalid}` });
    }
  }
  const created = results.filter((r) => r.status === "created").length;
  return { created, skipped: results.length - created, cards: results };
}
