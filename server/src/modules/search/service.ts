import { type AnyColumn, and, asc, desc, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.ts";
import { genericPlanRows } from "../../platform/db/generic-plans.ts";
import { type Actor, can } from "../../platform/permissions.ts";
import { keywordCondition, likePattern, wordsCondition } from "../../platform/search.ts";
import { contactKeywordCondition, contactResource } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerResource } from "../customers/service.ts";
import { customers } from "../customers/table.ts";
import { users } from "../users/table.ts";
import type { SearchHit, SearchResult } from "./schema.ts";
import { soundAlikePairs } from "./sounds-alike.ts";

/** A query that looks like a phone number: its digits are searched among the numbers' digits. */
const phoneLike = /^[+\d\s()\-./]+$/;
/** Below this many characters trigrams say nothing, so only exact substrings count. */
const fuzzyMinLength = 3;

type Terms = { lower: string; digits: string | null; fuzzy: boolean; maySoundAlike: boolean };

/**
 * A number's digits as any way of writing it holds them: without +86/0086 and without China's trunk
 * 0, so "021-7480-8977" finds "+86 21 7480 8977" and "+86 138…" finds "138…" (both hold "2174808977").
 */
const nationalDigits = (phone: string) =>
  phone
    .replace(/^\s*(\+|00)\s*86/, "")
    // Dialled from China, 00 starts any other country's code: "001 415…" is "+1 415…".
    .replace(/^\s*00/, "")
    .replace(/\D/g, "")
    // A Chinese mobile with its country code and no "+", as WeChat and many exports write it.
    .replace(/^86(?=1\d{10}$)/, "")
    .replace(/^0(?=[1-9])/, "");

function termsOf(q: string): Terms {
  const lower = q.trim().toLowerCase();
  const digits = phoneLike.test(lower) ? nationalDigits(lower) : "";
  // A phone number or an email address is looked up as typed, never as a misspelt name.
  const fuzzy = [...lower].length >= fuzzyMinLength && !phoneLike.test(lower) && !lower.includes("@");
  return {
    lower,
    digits: digits.length >= fuzzyMinLength ? digits : null,
    fuzzy,
    maySoundAlike: !lower.includes("@") && !phoneLike.test(lower),
  };
}

/**
 * Exact: a substring of the searchable text or the phone's digits. Fuzzy: a similar name, and not
 * exact. Sound-alike: a name sounding like the query (sounds-alike.ts), and neither of those.
 */
type Pass =
  | { kind: "exact" }
  | { kind: "fuzzy"; exclude: string[] }
  | { kind: "soundAlike"; exclude: string[]; pairs: string[][] };

/**
 * Exact matches first, best first; then, only while they do not fill the page, names similar to the
 * query (typos), most similar first, and then names that sound like it. A better kind of match
 * always ranks above a lesser one, so the costlier passes are skipped when the page is full.
 */
async function bestMatchesFirst(
  terms: Terms,
  limit: number,
  search: (pass: Pass, limit: number) => Promise<SearchHit[]>,
): Promise<SearchHit[]> {
  const hits = await search({ kind: "exact" }, limit);
  const more = async (pass: Pass) => hits.push(...(await search(pass, limit - hits.length)));
  if (hits.length < limit && terms.fuzzy) await more({ kind: "fuzzy", exclude: hits.map((hit) => hit.id) });
  // The pairs are worked out only now: most searches fill their page before.
  const pairs = hits.length < limit && terms.maySoundAlike ? soundAlikePairs(terms.lower) : null;
  if (pairs) await more({ kind: "soundAlike", exclude: hits.map((hit) => hit.id), pairs });
  return hits;
}

type Columns = { id: AnyColumn; name: AnyColumn; searchText: AnyColumn; searchBigrams: AnyColumn };

/**
 * A name holding one pair of every set. Only the smallest set is looked up in the bigram index; the
 * others are tested on the rows it finds, behind a `coalesce` the index cannot serve. Offered every
 * set, the planner costed the index by the sets' thousands of pairs together and, with custom plans
 * (PGlite; a transaction), scanned the table instead, testing each row against every pair: 0.8 s for
 * 深圳瑞达科技 over 100,000 customers, 0.9 ms this way (decision 0015).
 */
function soundsAlike(bigrams: AnyColumn, pairSets: string[][]): SQL {
  const [smallest, ...rest] = [...pairSets].sort((a, b) => a.length - b.length);
  return and(
    sql`${bigrams} && ${sql.param(smallest)}::text[]`,
    ...rest.map((pairs) => sql`coalesce(${bigrams}, '{}') && ${sql.param(pairs)}::text[]`),
  ) as SQL;
}

/**
 * The pass's condition and order. Exact: the keyword condition (a substring of the searchable text,
 * which holds the phone's digits too), ranked exact name (4), prefix (3), anything else (2), plus the
 * name's word similarity. Fuzzy: pg_trgm's `<%` word similarity of the name, under a trigram index
 * of lower(name). Sound-alike: one of each set of pairs among the name's pairs, under their GIN index.
 */
function passOf(pass: Pass, terms: Terms, c: Columns, keyword: SQL): { where: SQL; order: SQL } {
  const similarity = sql`word_similarity(${terms.lower}, lower(${c.name}))`;
  if (pass.kind !== "exact") {
    const matches =
      pass.kind === "fuzzy" ? sql`${terms.lower} <% lower(${c.name})` : soundsAlike(c.searchBigrams, pass.pairs);
    return {
      where: and(
        matches,
        // One array parameter, not one per id: the statement's text stays the same (generic plans).
        pass.exclude.length ? sql`${c.id} <> all(${sql.param(pass.exclude)}::uuid[])` : undefined,
      ) as SQL,
      order: similarity,
    };
  }
  const digits = terms.digits ? sql`${c.searchText} like ${likePattern(terms.digits)}` : undefined;
  const rank = sql`(case when lower(${c.name}) = ${terms.lower} then 4
    when lower(${c.name}) like ${likePattern(terms.lower).slice(1)} then 3 else 2 end + ${similarity})`;
  return { where: or(keyword, digits) as SQL, order: rank };
}

const ownerName = (ownerId: AnyColumn) =>
  sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${ownerId})`.as("ownerName");

/**
 * Every word of the query somewhere, in any order ("瑞丰 机械" finds 上海瑞丰精密机械), as the lists'
 * search boxes do; a phone number is one keyword, spaces and all.
 */
const keywordMatch = (terms: Terms) => (phoneLike.test(terms.lower) ? keywordCondition : wordsCondition);

type HitRow = Omit<SearchHit, "kind" | "company"> & { company?: string | null };

async function searchCustomers(db: Database, actor: Actor, terms: Terms, pass: Pass, limit: number) {
  const keyword = keywordMatch(terms)(terms.lower, customers.searchText, customers.searchBigrams);
  const { where, order } = passOf(pass, terms, customers, keyword);
  const query = db
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      email: customers.email,
      ownerName: ownerName(customers.ownerId),
    })
    .from(customers)
    .where(and(customerResource.visibleCondition(actor), where))
    .orderBy(desc(order), asc(customers.name), asc(customers.id))
    .limit(limit);
  const rows = await genericPlanRows<HitRow>(db, query.getSQL());
  return rows.map((row): SearchHit => ({ kind: "customer", company: null, ...row }));
}

async function searchContacts(db: Database, actor: Actor, terms: Terms, pass: Pass, limit: number) {
  // A contact is also found by its company's name (not typo-tolerant: the company itself is a hit).
  const keyword = contactKeywordCondition(terms.lower, keywordMatch(terms));
  const { where, order } = passOf(pass, terms, contacts, keyword);
  const query = db
    .select({
      id: contacts.id,
      name: contacts.name,
      company: sql<
        string | null
      >`(select ${customers.name} from ${customers} where ${customers.id} = ${contacts.customerId})`.as("company"),
      phone: sql<string | null>`${contacts.phones} -> 0 ->> 'number'`.as("phone"),
      email: sql<string | null>`${contacts.emails} -> 0 ->> 'address'`.as("email"),
      ownerName: ownerName(contacts.ownerId),
    })
    .from(contacts)
    .where(and(contactResource.visibleCondition(actor), where))
    .orderBy(desc(order), asc(contacts.name), asc(contacts.id))
    .limit(limit);
  const rows = await genericPlanRows<HitRow>(db, query.getSQL());
  return rows.map((row): SearchHit => ({ kind: "contact", company: null, ...row }));
}

/**
 * The one search box: customers and contacts by name, phone, email and company, typo-tolerant,
 * each kind only for users who may view it and only among the records they may see.
 */
export async function globalSearch(db: Database, actor: Actor, q: string, limit: number): Promise<SearchResult> {
  const terms = termsOf(q);
  const [customerHits, contactHits] = await Promise.all([
    can(actor, "customers", "view")
      ? bestMatchesFirst(terms, limit, (pass, n) => searchCustomers(db, actor, terms, pass, n))
      : [],
    can(actor, "contacts", "view")
      ? bestMatchesFirst(terms, limit, (pass, n) => searchContacts(db, actor, terms, pass, n))
      : [],
  ]);
  return { customers: customerHits, contacts: contactHits };
}
