import type { Locale } from "./locale.ts";
import { zhCNMessages, zhCNTerms } from "./zh-CN.ts";

/**
 * Server messages are written in English, and translated on the way out. A catalog entry is the
 * English text, with `{name}` where a value goes (a field, a number, a record type), and its
 * translation using the same names. A message without an entry goes out as it is.
 */
type Template = { pattern: RegExp; names: string[]; translation: string; leading: boolean };

const placeholder = /\{([a-zA-Z0-9_]+)\}/g;
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
    const source = english
      .split(placeholder)
      .map((part, i) => (i % 2 === 1 ? "(.+?)" : escapeRegExp(part)))
      .join("");
    const leading = english.startsWith("{");
    templates.push({ pattern: new RegExp(`^${source}$`, "s"), names, translation, leading });
  }
  // The most specific template first: the one with the most fixed text.
  const fixed = (t: Template) => t.pattern.source.replaceAll("(.+?)", "").length;
  templates.sort((a, b) => fixed(b) - fixed(a));
  return { exact, templates };
}

const zhCN = compile(zhCNMessages);

/** The catalog's translation of a message (exact, a term, or a template), or undefined. */
function fromCatalog(message: string, depth: number): string | undefined {
  const exact = zhCN.exact.get(message) ?? zhCNTerms[message];
  if (exact !== undefined || depth > 3) return exact;
  for (const template of zhCN.templates) {
    const match = template.pattern.exec(message);
    if (!match) continue;
    // A leading value holding ": " is a path before a message ("<id>: Customer not found"), not
    // "{what} not found": translateAt splits it off instead.
    if (template.leading && match[1]?.includes(": ")) continue;
    // Likewise a value before the template's last one never holds ": ": "card 1: has no name (FN or N)"
    // is "card {number}: {problem}", not "card {number} ({name})" with the number "1: has no name".
    if (match.slice(1, -1).some((value) => value?.includes(": "))) continue;
    const values = new Map(template.names.map((name, i) => [name, match[i + 1] ?? ""]));
    return template.translation.replace(placeholder, (_, name: string) =>
      translateAt(values.get(name) ?? "", depth + 1),
    );
  }
  return undefined;
}

function translateAt(message: string, depth: number): string {
  const found = fromCatalog(message, depth);
  if (found !== undefined) return found;
  // "<column or path>: <message>", as lists of problems write them: the message translated.
  const colon = message.indexOf(": ");
  if (colon > 0 && depth <= 3) {
    const rest = message.slice(colon + 2);
    const translated = translateAt(rest, depth + 1);
    if (translated !== rest) return `${message.slice(0, colon)}：${translated}`;
  }
  return message;
}

/**
 * A message in the locale: the catalog's translation, or the message itself when it has none. A
 * template's value is translated in turn when it is a term or a message of its own ("key {key}
 * {reason}"), a few levels deep; "<path>: <message>" keeps its path and translates its message.
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
