import type { Locale } from "./locale.ts";
import { zhCNMessages, zhCNTerms } from "./zh-CN.ts";

/**
 * Server messages are written in English, and translated on the way out. A catalog entry is the
 * English text, with `{name}` where a value goes (a field, a number, a record type), and its
 * translation using the same names. A message without an entry goes out as it is.
 */
type Template = { pattern: RegExp; names: string[]; translation: string; leading: boolean; quoted: boolean[] };

const placeholder = /\{([a-zA-Z0-9_]+)\}/g;
/** How lists of messages are joined (a vCard's problems, a validation summary). */
const listJoin = "; ";
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(catalog: Record<string, string>) {
  const exact = new Map<string, string>();
  const templates: Template[] = [];
  for (const [english, translation] of Object.entries(catalog)) {
    const names = [...english.matchAll(placeholder)].map((m) => m[1] ?? "");
    if (names.length === 0) {
      exact.set(english, translation);
      continue;
    }
    const parts = english.split(placeholder);
    const source = parts.map((part, i) => (i % 2 === 1 ? "(.+?)" : escapeRegExp(part))).join("");
    const leading = english.startsWith("{");
    // A value in quotes or brackets ('"{name}"', "({name})") is one value, whatever it holds.
    const quoted = names.map((_, i) => /["'(“]$/.test(parts[2 * i] ?? "") && /^["')”]/.test(parts[2 * i + 2] ?? ""));
    templates.push({ pattern: new RegExp(`^${source}$`, "sd"), names, translation, leading, quoted });
  }
  // The most specific template first: the one with the most fixed text.
  const fixed = (t: Template) => t.pattern.source.replaceAll("(.+?)", "").length;
  templates.sort((a, b) => fixed(b) - fixed(a));
  return { exact, templates };
}

const zhCN = compile(zhCNMessages);

/** The most "; " one catalog message holds ("must be one of {fields}; a leading - sorts descending"). */
const mostJoinsInOneMessage = Math.max(
  ...Object.keys(zhCNMessages).map((english) => english.split(listJoin).length - 1),
);

/** How many levels deep a message's parts (a template's values, a list's items) are translated in turn. */
const maxDepth = 3;

/** The catalog's translation of a message (exact, a term, or a template), or undefined. */
function fromCatalog(message: string, depth: number): string | undefined {
  const exact = zhCN.exact.get(message) ?? zhCNTerms[message];
  if (exact !== undefined || depth > maxDepth) return exact;
  for (const template of zhCN.templates) {
    const match = template.pattern.exec(message);
    if (!match) continue;
    // A leading value holding ": " is a path before a message ("<id>: Customer not found"), not
    // "{what} not found": translateAt splits it off instead.
    if (template.leading && match[1]?.includes(": ")) continue;
    // Likewise a value before the template's last one never holds ": ": "card 1: has no name (FN or N)"
    // is "card {number}: {problem}", not "card {number} ({name})" with the number "1: has no name".
    if (match.slice(1, -1).some((value) => value?.includes(": "))) continue;
    // And a value holding "; " is one message only if the catalog knows it whole: "Email: Invalid email
    // address; Notes: …" is a list of two messages (listItems splits it), not "Email: {problem}". A
    // name in quotes or brackets may hold "; ", unless it reaches over a "<path>: " into the list.
    // (A value's neighbouring characters count: "is required; is taken" is no "{what} is taken".)
    const oneValue = (value: string, i: number) => {
      const [start, end] = match.indices?.[i + 1] ?? [0, message.length];
      if (!message.slice(Math.max(start - 1, 0), end + 1).includes(listJoin)) return true;
      return (template.quoted[i] && !value.includes(": ")) || knownWhole(value, depth + 1);
    };
    if (!match.slice(1).every((value, i) => oneValue(value ?? "", i))) continue;
    const values = new Map(template.names.map((name, i) => [name, match[i + 1] ?? ""]));
    return template.translation.replace(placeholder, (_, name: string) =>
      translateAt(values.get(name) ?? "", depth + 1),
    );
  }
  return undefined;
}

/** Whether the catalog knows a message whole, or after a path ("sort: must be one of …; a leading …"). */
function knownWhole(message: string, depth: number): boolean {
  if (fromCatalog(message, depth) !== undefined) return true;
  const colon = message.indexOf(": ");
  const path = message.slice(0, colon);
  return colon > 0 && !path.includes(listJoin) && fromCatalog(message.slice(colon + 2), depth + 1) !== undefined;
}

/**
 * The messages a "; "-joined list holds (a vCard's problems: "Phone: …; Email: …"). A run of parts
 * the catalog knows whole is one message: some hold "; " themselves.
 */
function listItems(message: string, depth: number): string[] {
  const parts = message.split(listJoin);
  const items: string[] = [];
  for (let start = 0; start < parts.length; ) {
    let end = Math.min(parts.length, start + mostJoinsInOneMessage + 1);
    while (end > start + 1 && !knownWhole(parts.slice(start, end).join(listJoin), depth)) end--;
    items.push(parts.slice(start, end).join(listJoin));
    start = end;
  }
  return items;
}

function translateAt(message: string, depth: number): string {
  const found = fromCatalog(message, depth);
  if (found !== undefined || depth > maxDepth) return found ?? message;
  // A list before a path: "Phone: …; Email: …" is two messages, not the path "Phone" and the rest.
  const items = listItems(message, depth + 1);
  if (items.length > 1) {
    const translated = items.map((item) => translateAt(item, depth + 1));
    // Untranslated text (a name, the caller's own words) keeps its own punctuation.
    return translated.some((item, i) => item !== items[i]) ? translated.join("；") : message;
  }
  // "<column or path>: <message>", as lists of problems write them: the message translated.
  const colon = message.indexOf(": ");
  if (colon > 0) {
    const rest = message.slice(colon + 2);
    const translated = translateAt(rest, depth + 1);
    if (translated !== rest) return `${message.slice(0, colon)}：${translated}`;
  }
  return message;
}

/**
 * A message in the locale: the catalog's translation, or the message itself when it has none. A
 * template's value is translated in turn when it is a term or a message of its own ("key {key}
 * {reason}"), a few levels deep; "<path>: <message>" keeps its path and translates its message, and
 * messages joined by "; " are each translated.
 */
export function translate(message: string, locale: Locale): string {
  return locale === "en" ? message : translateAt(message, 0);
}

/** Whether the catalog itself translates a message, for the catalog's test. */
export function hasTranslation(message: string): boolean {
  return fromCatalog(message, 0) !== undefined;
}

/** Lines joined by "; " (an import row's outcome), each translated. */
export function translateLines(text: string, locale: Locale): string {
  if (locale === "en") return text;
  return text
    .split("; ")
    .map((line) => translate(line, locale))
    .join("；");
}
