import iconv from "iconv-lite";
import { pinyin } from "pinyin-pro";

/**
 * Chinese typed through a pinyin input method goes wrong by sound: 章伟 for 张伟, 李那 for 李娜, the
 * input method offering every character of the syllable. So a Chinese query also finds names whose
 * characters sound like its own, tones aside, and so does the query typed in pinyin ("zhangwei",
 * "li na"). The name's stored character pairs (`search_bigrams`, under a GIN index) are matched
 * against every pair that sounds like each pair of the query's neighbouring characters: no column is added,
 * and nothing more is written per record.
 */

/** Toneless readings of one character: 行 is xing, hang and heng. */
const readingsOf = (char: string): string[] => [
  ...new Set(pinyin(char, { toneType: "none", multiple: true, type: "array" })),
];

/**
 * GB2312's characters, level by level: the first holds the 3,755 in everyday use, which almost every
 * name is written with; the second (3,008 more) holds many of the rest, 深圳's 圳 and given names'
 * 琦 and 璐 among them.
 */
const LEVELS = { common: [0xb0, 0xd7], all: [0xb0, 0xf7] } as const;
type Level = keyof typeof LEVELS;

function charactersUpTo(level: Level): string[] {
  const [first, last] = LEVELS[level];
  const chars: string[] = [];
  for (let high = first; high <= last; high++) {
    for (let low = 0xa1; low <= 0xfe; low++) {
      const char = iconv.decode(Buffer.from([high, low]), "gb2312");
      if (/^\p{Script=Han}$/u.test(char)) chars.push(char);
    }
  }
  return chars;
}

const bySyllable = new Map<Level, Map<string, string[]>>();

/** Syllable -> the characters of the level read so, built on the first search that needs it (50–100 ms). */
function syllables(level: Level): Map<string, string[]> {
  const cached = bySyllable.get(level);
  if (cached) return cached;
  const built = new Map<string, string[]>();
  for (const char of charactersUpTo(level)) {
    for (const reading of readingsOf(char)) built.set(reading, [...(built.get(reading) ?? []), char]);
  }
  bySyllable.set(level, built);
  return built;
}

/** A pair sounding like another, as many as one pair of syllables has (yi and shi: about 2,700). */
const MAX_PAIRS = 4_000;

/** Every pair of characters, one from each set. */
function pairsOf(first: string[], second: string[]): string[] {
  return first.flatMap((a) => second.map((b) => a + b));
}

/**
 * For the pairs of neighbouring characters that cover the query (1-2, 3-4, …, and the last two),
 * the pairs of characters that sound like each; a name matches when it holds one of every set. Null when the query is no Chinese name of 2 to 8 characters
 * nor 2 to 6 pinyin syllables, or sounds like too much to narrow anything down.
 */
export function soundAlikePairs(query: string): string[][] | null {
  const chinese = chineseSounds(query);
  if (chinese) return coveringPairs(chinese);
  // Typed in pinyin, the name's characters are unknown: any of GB2312's may be meant, unless that
  // sounds like too much (yi shi: 8,400 pairs), then the everyday ones.
  return coveringPairs(pinyinSounds(query, "all")) ?? coveringPairs(pinyinSounds(query, "common"));
}

/** Pairs that cover the query, each as the set of pairs sounding like it; null when any set is too big. */
function coveringPairs(sounds: string[][] | null): string[][] | null {
  if (!sounds || sounds.length < 2) return null;
  // Pairs that cover the query, not every neighbouring pair: "海纳物流" needs 海纳 and 物流 somewhere,
  // so words with others between them still match, as the exact search's words do.
  const starts = sounds.slice(0, -1).flatMap((_, i) => (i % 2 === 0 || i === sounds.length - 2 ? [i] : []));
  const pairs = starts.map((i) => pairsOf(sounds[i] as string[], sounds[i + 1] as string[]));
  return pairs.every((p) => p.length <= MAX_PAIRS) ? pairs : null;
}

/**
 * Per character of a Chinese query, the everyday characters that sound like it, and itself: the
 * input method offered those first, and a rarer character typed is there as typed.
 */
function chineseSounds(query: string): string[][] | null {
  const chars = [...query.replace(/\s+/g, "")];
  if (chars.length < 2 || chars.length > 8 || !chars.every((c) => /\p{Script=Han}/u.test(c))) return null;
  const table = syllables("common");
  return chars.map((char) => [...new Set([char, ...readingsOf(char).flatMap((r) => table.get(r) ?? [])])]);
}

/**
 * Per syllable of a query typed in pinyin, the characters read so. Syllables are split by spaces or
 * apostrophes where given (xi'an), else as few as the letters allow (xian is one syllable); "v" is
 * typed for "ü" (lv, nv).
 */
function pinyinSounds(query: string, level: Level): string[][] | null {
  const table = syllables(level);
  const words = query
    .toLowerCase()
    .replace(/v/g, "ü")
    .split(/[\s']+/)
    .filter(Boolean);
  if (words.length === 0 || !words.every((w) => /^[a-zü]+$/.test(w))) return null;
  const split = words.map((word) => fewestSyllables(word, table));
  if (split.some((s) => s === null)) return null;
  const all = split.flat() as string[];
  if (all.length < 2 || all.length > 6) return null;
  return all.map((syllable) => table.get(syllable) as string[]);
}

/** The word as the fewest known syllables, or null when it is not pinyin at all. */
function fewestSyllables(word: string, table: Map<string, string[]>): string[] | null {
  // best[i]: the fewest syllables spelling word's first i letters (null: none does).
  const best: (string[] | null)[] = [[], ...Array.from({ length: word.length }, () => null)];
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const before = best[start];
      const syllable = word.slice(start, end);
      if (!before || !table.has(syllable)) continue;
      const current = best[end];
      if (!current || before.length + 1 < current.length) best[end] = [...before, syllable];
    }
  }
  return best[word.length] ?? null;
}
