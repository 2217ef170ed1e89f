import { type AnyColumn, and, asc, desc, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.ts";
import { type Actor, can } from "../../platform/permissions.ts";
import { keywordCondition, likePattern } from "../../platform/search.ts";
import { contactKeywordCondition, contactResource } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { users } from "../users/table.ts";
import type { SearchHit, SearchResult } from "./schema.ts";

/** A query that looks like a phone number: its digits are searched among the numbers' digits. */
const phoneLike = /^[+\d\s()\-./]+$/;
/** Below this many characters trigrams say nothing, so only exact substrings count. */
const fuzzyMinLength = 3;

type Terms = { lower: string; digits: string | null; fuzzy: boolean };

function termsOf(q: string): Terms {
  const lower = q.trim().toLowerCase();
  const digits = phoneLike.test(lower) ? lower.replace(/\D/g, "") : "";
  // A phone number or an email address is looked up as typed, never as a misspelt name.
  const fuzzy = [...lower].length >= fuzzyMinLength && !phoneLike.test(lower) && !lower.includes("@");
  return { lower, digits: digits.length >= fuzzyMinLength ? digits : null, fuzzy };
}

/**
 * Exact matches (substrings, phone digits) first. A typo-tolerant match ranks below every exact
 * one (see rankOf), so when the exact ones fill the page the costlier similarity search is skipped.
 */
async function exactThenFuzzy<T>(terms: Terms, limit: number, search: (terms: Terms) => Promise<T[]>): Promise<T[]> {
  const exact = await search({ ...terms, fuzzy: false });
  return exact.length >= limit || !terms.fuzzy ? exact : search(terms);
}

type Columns = { name: AnyColumn; searchText: AnyColumn; searchDigits: AnyColumn };

/**
 * How a record matches: its keyword condition (a substring of its searchable text), a
 * typo-tolerant word similarity of the name (pg_trgm's `<%`, under a trigram index of lower(name)),
 * or the digits of a phone number.
 */
function matchOf(terms: Terms, c: Columns, keyword: SQL): SQL {
  return or(
    keyword,
    terms.fuzzy ? sql`${terms.lower} <% lower(${c.name})` : undefined,
    terms.digits ? sql`${c.searchDigits} like ${likePattern(terms.digits)}` : undefined,
  ) as SQL;
}

/**
 * Best first: the exact name (4), names starting with the query (3), any substring or phone digits
 * (2), each plus the name's word similarity (0–1); typo-only matches score below 1.
 */
function rankOf(terms: Terms, c: Columns): SQL<number> {
  const prefix = likePattern(terms.lower).slice(1);
  const digitHit = terms.digits ? sql`${c.searchDigits} like ${likePattern(terms.digits)}` : sql`false`;
  return sql<number>`(case
    when lower(${c.name}) = ${terms.lower} then 4
    when lower(${c.name}) like ${prefix} then 3
    when ${c.searchText} like ${likePattern(terms.lower)} or ${digitHit} then 2
    else 0 end + word_similarity(${terms.lower}, lower(${c.name})))`;
}

const ownerName = (ownerId: AnyColumn) =>
  sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${ownerId})`;

async function searchCustomers(db: Database, actor: Actor, terms: Terms, limit: number): Promise<SearchHit[]> {
  const keyword = keywordCondition(terms.lower, customers.searchText, customers.searchBigrams);
  const rank = rankOf(terms, customers);
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      email: customers.email,
      ownerName: ownerName(customers.ownerId),
    })
    .from(customers)
    .where(and(customerResource.visibleCondition(actor), matchOf(terms, customers, keyword)))
    .orderBy(desc(rank), asc(customers.name), asc(customers.id))
    .limit(limit);
  return rows.map((row) => ({ kind: "customer", company: null, ...row }));
}

async function searchContacts(db: Database, actor: Actor, terms: Terms, limit: number): Promise<SearchHit[]> {
  // A contact is also found by its company's name (not typo-tolerant: the company itself is a hit).
  const keyword = contactKeywordCondition(terms.lower);
  const rank = rankOf(terms, contacts);
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      company: sql<
        string | null
      >`(select ${customers.name} from ${customers} where ${customers.id} = ${contacts.customerId})`,
      phone: sql<string | null>`${contacts.phones} -> 0 ->> 'number'`,
      email: sql<string | null>`${contacts.emails} -> 0 ->> 'address'`,
      ownerName: ownerName(contacts.ownerId),
    })
    .from(contacts)
    .where(and(contactResource.visibleCondition(actor), matchOf(terms, contacts, keyword)))
    .orderBy(desc(rank), asc(contacts.name), asc(contacts.id))
    .limit(limit);
  return rows.map((row) => ({ kind: "contact", ...row }));
}

/**
 * The one search box: customers and contacts by name, phone, email and company, typo-tolerant,
 * each kind only for users who may view it and only among the records they may see.
 */
export async function globalSearch(db: Database, actor: Actor, q: string, limit: number): Promise<SearchResult> {
  const terms = termsOf(q);
  const [customerHits, contactHits] = await Promise.all([
    can(actor, "customers", "view") ? exactThenFuzzy(terms, limit, (t) => searchCustomers(db, actor, t, limit)) : [],
    can(actor, "contacts", "view") ? exactThenFuzzy(terms, limit, (t) => searchContacts(db, actor, t, limit)) : [],
  ]);
  return { customers: customerHits, contacts: contactHits };
}
