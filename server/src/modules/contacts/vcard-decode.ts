import iconv from "iconv-lite";
import { lineKind } from "../imports/read-file.ts";

/**
 * From a .vcf file's bytes to each card's text in the vCard 3.0 syntax ical.js parses, undoing
 * what vCard 2.1 writers (most Chinese Android phones, older Outlook) put in the bytes:
 * - lines are unfolded as bytes, before any decoding, so that a fold inside a multi-byte character
 *   (which RFC 6350 §3.2 tolerates) is mended, and a quoted-printable value's soft line breaks
 *   ("=" at the end of a line) are joined first, since its continuation lines have no ":";
 * - quoted-printable is decoded here ("=XX" is a byte: shorter than any package, and npm's
 *   `quoted-printable` has no types), then the bytes are read in the CHARSET the property names;
 *   without one as the CSV import reads a file: UTF-8, else GB18030 (GBK's superset), a file
 *   mixing both line by line with a warning on each line in the rarer encoding;
 * - bare 2.1 parameters (TEL;CELL;PREF) become TYPE=…, and ENCODING=QUOTED-PRINTABLE and CHARSET go.
 * A property that still holds U+FFFD (bytes no encoding reads) is the card's error, naming it:
 * a contact is never stored with garbage in it.
 */

export type DecodedCard = { text: string; warnings: string[]; error: string | null };

type ContentLine = {
  bytes: Buffer;
  /** The name (with its group) and the parameters as written, in latin1: their bytes unchanged. */
  head: { name: string; params: string[] } | null;
  /** Where the value starts in `bytes` (after the ":"), or -1 for a line without one. */
  valueAt: number;
  /** The property's name without its group, upper case (TEL), for messages. */
  property: string;
  edge: "begin" | "end" | null;
  quotedPrintable: boolean;
  charset: string | null;
};

const [CR, LF, SPACE, TAB, QUOTE, COLON, EQUALS] = [0x0d, 0x0a, 0x20, 0x09, 0x22, 0x3a, 0x3d];
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT = "\uFFFD";
// Native, and fast; a broken character becomes U+FFFD, which the card's check finds.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const beginLine = /^\s*BEGIN:VCARD\s*$/i;
const endLine = /^\s*END:VCARD\s*$/i;

/** Whether a line is a card's BEGIN or END (a short line: longer ones are not even looked at). */
function edgeOf(bytes: Buffer): ContentLine["edge"] {
  if (bytes.length > 40) return null;
  const text = bytes.toString("latin1");
  return beginLine.test(text) ? "begin" : endLine.test(text) ? "end" : null;
}

function physicalLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== CR && b !== LF) continue;
    lines.push(bytes.subarray(start, i));
    if (b === CR && bytes[i + 1] === LF) i++;
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

/** Splits at a separator that is not inside double quotes (a parameter value may quote ";" or ":"). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Where the name and parameters end: the first ":" outside quotes. Never a byte of a UTF-8 or GBK character. */
function colonAt(bytes: Buffer): number {
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === QUOTE) quoted = !quoted;
    else if (bytes[i] === COLON && !quoted) return i;
  }
  return -1;
}

function headOf(bytes: Buffer): ContentLine["head"] {
  const colon = colonAt(bytes);
  if (colon === -1) return null;
  // Names and parameters are ASCII; latin1 keeps any other byte as it is, to be decoded later.
  const [name = "", ...params] = splitOutsideQuotes(bytes.subarray(0, colon).toString("latin1"), ";");
  return { name, params };
}

const isQuotedPrintable = (param: string) => /^\s*(encoding\s*=\s*)?quoted-printable\s*$/i.test(param);
const charsetParam = (param: string) => /^\s*charset\s*=\s*"?([^"]*)"?\s*$/i.exec(param)?.[1]?.trim() ?? null;

/** Logical lines: folded lines (a leading space or tab) and soft line breaks of QP values joined. */
function contentLines(bytes: Buffer): ContentLine[] {
  const lines: { chunks: Buffer[]; head: ContentLine["head"] }[] = [];
  for (const physical of physicalLines(bytes)) {
    const current = lines.at(-1);
    const last = current?.chunks.at(-1);
    // A broken writer's "=" before END:VCARD does not swallow the card's end; an indented BEGIN or
    // END is no folded line.
    const softBreak =
      last?.at(-1) === EQUALS && current?.head?.params.some(isQuotedPrintable) && edgeOf(physical) !== "end";
    if (current && last && softBreak) {
      current.chunks[current.chunks.length - 1] = last.subarray(0, -1);
      current.chunks.push(physical);
    } else if (current && (physical[0] === SPACE || physical[0] === TAB) && !edgeOf(physical)) {
      current.chunks.push(physical.subarray(1));
    } else {
      lines.push({ chunks: [physical], head: headOf(physical) });
    }
  }
  return lines.map(({ chunks, head: firstHead }): ContentLine => {
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    // A fold inside the parameters (rare) moves the ":": read the head again from the whole line.
    const head = chunks.length === 1 ? firstHead : headOf(bytes);
    const params = head?.params ?? [];
    return {
      bytes,
      head,
      valueAt: head ? colonAt(bytes) + 1 : -1,
      property: (head?.name.split(".").pop() ?? "").trim().toUpperCase(),
      edge: edgeOf(bytes),
      quotedPrintable: params.some(isQuotedPrintable),
      charset: params.map(charsetParam).find((c) => c !== null) ?? null,
    };
  });
}

/** A hex digit's value, or -1. */
function hexDigit(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

function decodeQuotedPrintable(value: Buffer): Buffer {
  const out = Buffer.alloc(value.length);
  let size = 0;
  for (let i = 0; i < value.length; i++) {
    const [high, low] = value[i] === EQUALS ? [hexDigit(value[i + 1]), hexDigit(value[i + 2])] : [-1, -1];
    if (high >= 0 && low >= 0) {
      out[size++] = high * 16 + low;
      i += 2;
    } else {
      // Lenient, as readers are: a "=" not followed by two hex digits stays as written.
      out[size++] = value[i] as number;
    }
  }
  return out.subarray(0, size);
}

/** A CHARSET's decoder name in iconv-lite; GB2312 and GBK files hold GBK characters, all in GB18030. */
function decoderOf(charset: string): ((bytes: Buffer) => string) | null {
  if (/^utf-?8$/i.test(charset)) return (bytes) => utf8.decode(bytes);
  const name = /^(gb2312|gbk|cp936|gb18030|x-gbk)$/i.test(charset) ? "gb18030" : charset;
  return iconv.encodingExists(name) ? (bytes) => iconv.decode(bytes, name, { stripBOM: false }) : null;
}

/** 2.1's bare parameters as 3.0 writes them; the encoding and charset are gone once decoded. */
function paramsFor30(params: string[]): string[] {
  return params.flatMap((param) => {
    if (isQuotedPrintable(param) || charsetParam(param) !== null || /^\s*[78]bit\s*$/i.test(param)) return [];
    if (param.includes("=")) return [param];
    return /^\s*base64\s*$/i.test(param) ? ["ENCODING=BASE64"] : [`TYPE=${param.trim()}`];
  });
}

type Prepared = { line: ContentLine; content: Buffer; kind: ReturnType<typeof lineKind> | null };

function prepare(line: ContentLine): Prepared {
  if (!line.quotedPrintable) {
    const kind = line.charset ? null : lineKind(line.bytes, 0, line.bytes.length);
    return { line, content: line.bytes.subarray(line.valueAt === -1 ? line.bytes.length : line.valueAt), kind };
  }
  // A QP line's encoding shows in its decoded value (its name and parameters are ASCII).
  const content = decodeQuotedPrintable(line.bytes.subarray(line.valueAt));
  return { line, content, kind: line.charset ? null : lineKind(content, 0, content.length) };
}

/** The line as text ical.js parses, or the problem that keeps it from being read. */
function decodeLine({ line, content, kind }: Prepared): { text: string } | { error: string } {
  const { head, charset } = line;
  if (line.edge) return { text: line.edge === "begin" ? "BEGIN:VCARD" : "END:VCARD" };
  const decode = decoderOf(charset ?? (kind === "gb18030" ? "gb18030" : "utf-8"));
  if (!decode) return { error: `${line.property} names CHARSET=${charset}, which is not a character set we can read` };
  let text: string;
  if (head && (line.quotedPrintable || charset !== null || head.params.some((param) => !param.includes("=")))) {
    const rewritten = decode(Buffer.from([head.name, ...paramsFor30(head.params)].join(";"), "latin1"));
    let value = decode(content);
    // A QP value may hold line breaks (=0D=0A), which a 3.0 text value writes as "\n".
    if (line.quotedPrintable) value = value.replace(/\r\n|\r|\n/g, "\\n");
    text = `${rewritten}:${value}`;
  } else {
    text = decode(line.bytes);
  }
  if (!text.includes(REPLACEMENT)) return { text };
  return {
    error: charset
      ? `${line.property} cannot be read as ${charset} (its CHARSET)`
      : `${line.property} cannot be read: it is neither UTF-8 nor GBK text`,
  };
}

/** The cards' content lines (BEGIN and END included), or why the file is not a list of cards. */
function cardsOf(lines: ContentLine[]): ContentLine[][] | { error: string } {
  const cards: ContentLine[][] = [];
  let current: ContentLine[] | null = null;
  for (const line of lines) {
    if (line.edge === "begin") {
      if (current) return { error: `card ${cards.length + 1} has no END:VCARD` };
      current = [line];
    } else if (line.edge === "end") {
      if (!current) return { error: `END:VCARD without BEGIN:VCARD after card ${cards.length}` };
      current.push(line);
      cards.push(current);
      current = null;
    } else if (current) {
      current.push(line);
    } else if (line.bytes.toString("latin1").trim() !== "") {
      return { error: `text outside a card after card ${cards.length}` };
    }
  }
  if (current) return { error: `card ${cards.length + 1} has no END:VCARD` };
  return cards;
}

/**
 * Every card of a .vcf file (its bytes, or text a client already decoded), as vCard 3.0 text
 * with the warnings of its decoding, or the first property that cannot be read.
 */
export function decodeVCardFile(file: Buffer | string): DecodedCard[] | { error: string } {
  let bytes = typeof file === "string" ? Buffer.from(file, "utf8") : file;
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
  const cards = cardsOf(contentLines(bytes));
  if (!Array.isArray(cards)) return cards;

  const prepared = cards.map((card) => card.filter((line) => line.bytes.length > 0).map(prepare));
  // As in a CSV file: all lines GBK is a GBK file; lines in both encodings are each read in
  // their own, and those in the rarer one pointed out.
  const kinds = prepared.flat().map((p) => p.kind);
  const [utf8Lines, gbLines] = [kinds.filter((k) => k === "utf-8").length, kinds.filter((k) => k === "gb18030").length];
  const odd = utf8Lines > 0 && gbLines > 0 ? (gbLines <= utf8Lines ? "gb18030" : "utf-8") : null;

  return prepared.map((card): DecodedCard => {
    const texts: string[] = [];
    const warnings = new Set<string>();
    for (const p of card) {
      const decoded = decodeLine(p);
      if ("error" in decoded) return { text: "", warnings: [], error: decoded.error };
      texts.push(decoded.text);
      if (odd && p.kind === odd) {
        const readAs = odd === "gb18030" ? "GBK" : "UTF-8";
        warnings.add(`the file mixes UTF-8 and GBK text: ${p.line.property} was read as ${readAs}, check it`);
      }
    }
    return { text: texts.join("\r\n"), warnings: [...warnings], error: null };
  });
}
