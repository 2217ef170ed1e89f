import { type AnyColumn, type SQL, sql } from "drizzle-orm";

const cjk = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** The pairs of adjacent CJK characters in a search, as rapport_cjk_bigrams() makes them in SQL. */
export function cjkBigrams(text: string): string[] {
  const chars = [...text];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const [a, b] = [chars[i] ?? "", chars[i + 1] ?? ""];
    if (cjk.test(a) && cjk.test(b)) pairs.add(a + b);
  }
  return [...pairs];
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A list's search box: every word somewhere in the text, in any order ("acme ltd" finds
 * "Acme 阿克米 Ltd"), each word as keywordCondition looks it up.
 */
export function wordsCondition(q: string, searchText: AnyColumn, bigrams?: AnyColumn): SQL {
  const words = q.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return keywordCondition(q, searchText, bigrams);
  return sql`(${sql.join(
    words.map((word) => keywordCondition(word, searchText, bigrams)),
    sql` and `,
  )})`;
}

/**
 * Keyword search: a substring of a lower-cased text under a trigram index (Latin, digits, three or
 * more CJK characters); a two-character Chinese word, which trigrams cannot index, is looked up
 * among the bigrams of the name instead.
 */
export function keywordCondition(q: string, searchText: AnyColumn, bigrams?: AnyColumn): SQL {
  // Only for one Chinese word of two characters: longer phrases have trigrams, and their bigrams,
  // always seen together, make the planner expect far too few rows (and fetch every match).
  const pairs = bigrams && [...q.trim()].length < 3 ? cjkBigrams(q) : [];
  const like = sql`${searchText} like ${likePattern(q)}`;
  if (!bigrams || pairs.length === 0) return like;
  // The bigrams are the name's, so the search is a name containing the word: the LIKE would only
  // repeat it, and the planner, taking the two for independent, would expect far too few rows.
  return sql`${bigrams} @> array[${pairs[0]}]::text[]`;
}
