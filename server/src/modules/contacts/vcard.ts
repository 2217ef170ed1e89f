import ICAL from "ical.js";
import type { ContactEmail, ContactIm, ContactPhone } from "./table.ts";
import { decodeVCardFile } from "./vcard-decode.ts";

/**
 * vCard conversion, on top of ical.js (RFC 6350 and vCard 3.0 parsing and escaping): this file
 * maps its jCard form (RFC 7095) to a contact's fields and back, and folds lines by octets, as
 * RFC 6350 §3.2 asks (ical.js folds by characters, too long for Chinese text). vCard 2.1 and the
 * encodings of a file's bytes are vcard-decode.ts's.
 */

/** What a card carries, in the contact's terms; organization is the customer's name. */
export type CardContact = {
  uid: string | null;
  name: string;
  title: string | null;
  organization: string | null;
  department: string | null;
  phones: ContactPhone[];
  emails: ContactEmail[];
  im: ContactIm[];
  birthday: string | null;
  buyingRole: string | null;
  notes: string | null;
};

export type ParsedCard =
  | { number: number; contact: CardContact; warnings: string[] }
  | { number: number; error: string };

type JCardProperty = [name: string, params: Record<string, string | string[]>, type: string, ...values: unknown[]];

const FOLD_OCTETS = 75;
const BUYING_ROLE_PROPERTY = "x-rapport-buying-role";

// IM services: the URI scheme written on export, and the names other apps use on import.
const imSchemes: Record<ContactIm["kind"], string> = {
  wechat: "weixin",
  qq: "qq",
  whatsapp: "whatsapp",
  telegram: "tg",
  skype: "skype",
  line: "line",
  other: "x-im",
};
const imServiceNames: Record<ContactIm["kind"], string> = {
  wechat: "WeChat",
  qq: "QQ",
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  skype: "Skype",
  line: "Line",
  other: "",
};
const imKindByWord: Record<string, ContactIm["kind"]> = {
  weixin: "wechat",
  wechat: "wechat",
  qq: "qq",
  tencent: "qq",
  whatsapp: "whatsapp",
  tg: "telegram",
  telegram: "telegram",
  skype: "skype",
  line: "line",
};

// ---------------------------------------------------------------- export

/** Folds one content line into lines of at most 75 octets, never splitting a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? FOLD_OCTETS : FOLD_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

// Chinese names put the family name first, without a space: one character, or two for these
// compound surnames (simplified and traditional), so that 欧阳修 is 欧阳 + 修 and not 欧 + 阳修.
const compoundSurnames = new Set(
  [
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 夏侯 轩辕 令狐 宇文 司徒 端木 独孤 南宫 西门 呼延",
    "歐陽 司馬 諸葛 東方 長孫 軒轅 獨孤 南宮 西門",
  ]
    .join(" ")
    .split(" "),
);
const hanOnly = /^\p{Script=Han}+$/u;

/**
 * N's parts: "Ada Lovelace" is family "Lovelace", given "Ada"; 张伟 and "张 伟" are 张 and 伟; other
 * names without spaces stay whole.
 */
function nameParts(name: string): string[] {
  const trimmed = name.trim();
  const chars = [...trimmed];
  if (hanOnly.test(trimmed) && chars.length >= 2) {
    const familyLength = chars.length > 2 && compoundSurnames.has(chars.slice(0, 2).join("")) ? 2 : 1;
    return [chars.slice(0, familyLength).join(""), chars.slice(familyLength).join(""), "", "", ""];
  }
  const words = trimmed.split(/\s+/);
  // "李 娜", as people often type it and phones write it: still family name first.
  if (words.length > 1 && words.every((word) => hanOnly.test(word))) {
    return [words[0] ?? "", words.slice(1).join(""), "", "", ""];
  }
  const family = words.length > 1 ? (words.pop() ?? "") : trimmed;
  const given = words.length > 0 && family !== trimmed ? words.join(" ") : "";
  return [family, given, "", "", ""];
}

/** The name N spells, for a card without FN: 张;伟 is 张伟 (family name first), Lovelace;Ada is "Ada Lovelace". */
function nameFromN(parts: string[]): string {
  const [family = "", given = "", additional = "", prefix = "", suffix = ""] = parts.map((part) => part.trim());
  if (hanOnly.test(family) && hanOnly.test(given)) return `${family}${given}`;
  return [prefix, given, additional, family, suffix].filter((part) => part !== "").join(" ");
}

function phoneType(label: ContactPhone["label"]): Record<string, string> {
  if (label === "mobile") return { type: "cell" };
  if (label === "other") return {};
  return { type: label };
}

function toJCard(contact: CardContact): unknown[] {
  const props: JCardProperty[] = [
    ["version", {}, "text", "4.0"],
    ["fn", {}, "text", contact.name],
    ["n", {}, "text", nameParts(contact.name)],
  ];
  if (contact.title) props.push(["title", {}, "text", contact.title]);
  if (contact.organization || contact.department) {
    const units = contact.department ? [contact.organization ?? "", contact.department] : [contact.organization ?? ""];
    props.push(["org", {}, "text", units.length === 1 ? (units[0] ?? "") : units]);
  }
  for (const phone of contact.phones) props.push(["tel", phoneType(phone.label), "text", phone.number]);
  for (const email of contact.emails) {
    props.push(["email", email.label === "other" ? {} : { type: email.label }, "text", email.address]);
  }
  for (const im of contact.im) {
    const service = imServiceNames[im.kind];
    props.push([
      "impp",
      service ? { "x-service-type": service } : {},
      "uri",
      `${imSchemes[im.kind]}:${encodeURIComponent(im.handle)}`,
    ]);
  }
  if (contact.birthday) props.push(["bday", {}, "date", contact.birthday]);
  if (contact.notes) props.push(["note", {}, "text", contact.notes]);
  if (contact.buyingRole) props.push([BUYING_ROLE_PROPERTY, {}, "unknown", contact.buyingRole]);
  if (contact.uid) props.push(["uid", {}, "text", contact.uid]);
  return ["vcard", props, []];
}

/** vCard 4.0 text of the contacts, CRLF line ends, folded at 75 octets. */
export function serializeVCards(list: CardContact[]): string {
  return list
    .map((contact) => {
      const unfolded = ICAL.stringify(toJCard(contact)).replace(/\r?\n[ \t]/g, "");
      return unfolded
        .split(/\r?\n/)
        .filter((line) => line.length > 0)
        .map(foldLine)
        .join("\r\n");
    })
    .map((card) => `${card}\r\n`)
    .join("");
}

// ---------------------------------------------------------------- import

const typesOf = (params: JCardProperty[1]) =>
  [params.type ?? []]
    .flat()
    .flatMap((t) => t.split(","))
    .map((t) => t.trim().toLowerCase());

/**
 * A property value as text. ical.js unescapes "\;" only inside structured values (N, ORG), but
 * vCard 3.0 writers (Apple, Google) escape semicolons in every text value (RFC 2426 §5).
 */
function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join(" ");
  if (typeof value === "string") return value.replaceAll("\\;", ";");
  return value === undefined || value === null ? "" : String(value);
}

function phoneLabel(types: string[]): ContactPhone["label"] {
  if (types.some((t) => t === "cell" || t === "mobile" || t === "iphone")) return "mobile";
  if (types.includes("work")) return "work";
  if (types.includes("home")) return "home";
  return "other";
}

function emailLabel(types: string[]): ContactEmail["label"] {
  if (types.includes("work")) return "work";
  if (types.includes("home")) return "home";
  return "other";
}

function imFrom(params: JCardProperty[1], value: string): ContactIm {
  const service = textOf(params["x-service-type"]).toLowerCase();
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(value);
  const scheme = match?.[1]?.toLowerCase() ?? "";
  let handle = match ? (match[2] ?? "") : value;
  // Apple writes "x-apple:handle"; Skype URIs may end in "?chat".
  handle = handle.replace(/^\/\//, "").replace(/\?.*$/, "");
  try {
    handle = decodeURIComponent(handle);
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  return { kind: imKindByWord[service] ?? imKindByWord[scheme] ?? "other", handle: handle || value };
}

/** YYYY-MM-DD from a vCard date (1815-12-10, 18151210, 1815-12-10T00:00:00Z); null without a year. */
function dateOf(value: string): string | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

function isJCardProperty(value: unknown): value is JCardProperty {
  return (
    Array.isArray(value) &&
    typeof value[0] === "string" &&
    typeof value[1] === "object" &&
    value[1] !== null &&
    typeof value[2] === "string"
  );
}

function propertiesOf(jcard: unknown): JCardProperty[] | null {
  if (!Array.isArray(jcard) || jcard[0] !== "vcard" || !Array.isArray(jcard[1])) return null;
  return jcard[1].filter(isJCardProperty);
}

function contactFrom(props: JCardProperty[], warnings: string[]): CardContact | string {
  const all = (name: string) => props.filter((p) => p[0] === name);
  const first = (name: string) => textOf(all(name)[0]?.[3]).trim() || null;

  const version = first("version");
  if (version && !["2.1", "3.0", "4.0"].includes(version))
    return `vCard ${version} is not supported (2.1, 3.0 or 4.0 is)`;
  const n = all("n")[0]?.[3];
  const nParts = Array.isArray(n) ? n.map(textOf) : [textOf(n)];
  const name = first("fn") ?? (nameFromN(nParts) || null);
  if (!name) return "has no name (FN or N)";

  const org = all("org")[0]?.[3];
  const orgParts = Array.isArray(org) ? org.map(textOf) : org === undefined ? [] : [textOf(org)];

  const im = all("impp").map((p) => imFrom(p[1], textOf(p[3]).trim()));
  for (const [property, kind] of [
    ["x-wechat", "wechat"],
    ["x-qq", "qq"],
    ["x-whatsapp", "whatsapp"],
    ["x-telegram", "telegram"],
    ["x-skype", "skype"],
    ["x-skype-username", "skype"],
    ["x-line", "line"],
  ] as const) {
    for (const p of all(property)) {
      const handle = textOf(p[3]).trim();
      if (handle && !im.some((i) => i.kind === kind && i.handle === handle)) im.push({ kind, handle });
    }
  }

  let birthday: string | null = null;
  const bday = first("bday");
  if (bday) {
    birthday = dateOf(bday);
    if (!birthday) warnings.push(`BDAY ${bday} has no year and was left out`);
  }

  const uid = first("uid");
  return {
    uid,
    name,
    title: first("title"),
    organization: orgParts[0]?.trim() || null,
    department: orgParts.slice(1).join(" / ").trim() || null,
    phones: all("tel")
      .map((p) => ({ label: phoneLabel(typesOf(p[1])), number: textOf(p[3]).trim().replace(/^tel:/i, "") }))
      .filter((p) => p.number !== ""),
    emails: all("email")
      .map((p) => ({
        label: emailLabel(typesOf(p[1])),
        address: textOf(p[3])
          .trim()
          .replace(/^mailto:/i, ""),
      }))
      .filter((e) => e.address !== ""),
    im: im.filter((i) => i.handle !== ""),
    birthday,
    buyingRole: first(BUYING_ROLE_PROPERTY),
    notes:
      all("note")
        .map((p) => textOf(p[3]))
        .join("\n")
        .trim() || null,
  };
}

/**
 * Every card of a .vcf file (its bytes, or text already decoded), numbered from 1, each parsed or
 * with the reason it cannot be. vCard 2.1, quoted-printable and charsets are undone first
 * (vcard-decode.ts), so ical.js reads every card as 3.0 or 4.0.
 */
export function parseVCards(file: Buffer | string): ParsedCard[] | { error: string } {
  const cards = decodeVCardFile(file);
  if (!Array.isArray(cards)) return cards;
  if (cards.length === 0) return { error: "no vCard found (BEGIN:VCARD … END:VCARD)" };
  return cards.map((card, i): ParsedCard => {
    const number = i + 1;
    if (card.error) return { number, error: card.error };
    let jcard: unknown;
    try {
      jcard = ICAL.parse(card.text);
    } catch (error) {
      return { number, error: `is not a valid vCard: ${error instanceof Error ? error.message : String(error)}` };
    }
    const props = propertiesOf(jcard);
    if (!props) return { number, error: "is not a valid vCard" };
    const warnings = [...card.warnings];
    const contact = contactFrom(props, warnings);
    return typeof contact === "string" ? { number, error: contact } : { number, contact, warnings };
  });
}
