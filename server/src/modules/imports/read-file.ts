import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { validationFailed } from "../../platform/errors.ts";
import { readSheet } from "./read-xlsx.ts";

export const fileEncodings = ["auto", "utf-8", "gb18030"] as const;
export type FileEncoding = (typeof fileEncodings)[number];

/** A spreadsheet as text: the header row and the data rows, each cell a trimmed string. */
export type Table = {
  headers: string[];
  rows: string[][];
  encoding: string;
  /** Warnings about single data rows (by index in `rows`), e.g. a row in another encoding than the rest. */
  rowWarnings?: Map<number, string>;
  /** Cells that show no value to import (an XLSX formula's error), by row index then column index. */
  cellProblems?: Map<number, Map<number, string>>;
};

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32BE(0) === 0x504b0304;

type Decoded = {
  text: string;
  encoding: string;
  /** Where (UTF-8 byte offsets in `text`) the lines begin that a file mixing encodings has fewer of. */
  oddLines?: { starts: number[]; readAs: string };
};

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossyUtf8 = new TextDecoder("utf-8");

type LineKind = "ascii" | "utf-8" | "gb18030";

/**
 * How one line of a file that is not valid UTF-8 as a whole reads, from its bytes: UTF-8 when its
 * characters are UTF-8, or mostly (a broken one becomes U+FFFD, which the row's check reports);
 * else GB18030. A byte scan, not a decoder's exception: files have 100,000 lines.
 */
export function lineKind(bytes: Buffer, start: number, end: number): LineKind {
  let sound = 0;
  let broken = 0;
  for (let i = start; i < end; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const size = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = size > 0 && i + size <= end;
    for (let k = 1; ok && k < size; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) sound++;
    else broken++;
    i += ok ? size : 1;
  }
  if (sound === 0 && broken === 0) return "ascii";
  return sound > broken ? "utf-8" : "gb18030";
}

/**
 * A file that is not valid UTF-8, line by line (a line break is the same byte in UTF-8 and GB18030,
 * and never part of a character in either): all GB18030 is what Excel in China writes; UTF-8 lines
 * beside GB18030 ones (two exports pasted together) are each read in their own encoding, and the
 * lines of the rarer one are pointed out, rather than reading the UTF-8 ones as garbage.
 */
function decodeLines(bytes: Buffer): Decoded {
  const lines: { start: number; end: number; kind: LineKind }[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    lines.push({ start, end, kind: lineKind(bytes, start, end) });
    start = end;
  }
  const count = (kind: LineKind) => lines.filter((l) => l.kind === kind).length;
  const [utf8Lines, gbLines] = [count("utf-8"), count("gb18030")];
  if (utf8Lines === 0) return { text: iconv.decode(bytes, "gb18030"), encoding: "gb18030" };
  const odd: LineKind = gbLines <= utf8Lines ? "gb18030" : "utf-8";
  const texts: string[] = [];
  const oddStarts: number[] = [];
  let offset = 0; // in the text as UTF-8, which is how the CSV parser counts
  for (const line of lines) {
    const bytesOfLine = bytes.subarray(line.start, line.end);
    const text = line.kind === "gb18030" ? iconv.decode(bytesOfLine, "gb18030") : lossyUtf8.decode(bytesOfLine);
    if (line.kind === odd && gbLines > 0) oddStarts.push(offset);
    texts.push(text);
    offset += Buffer.byteLength(text);
  }
  const text = texts.join("");
  if (gbLines === 0) return { text, encoding: "utf-8" };
  return {
    text,
    encoding: "utf-8+gb18030",
    oddLines: { starts: oddStarts, readAs: odd === "gb18030" ? "GBK" : "UTF-8" },
  };
}

/** How many code units from the start tell UTF-16 by its NUL bytes: plenty for a header and some rows. */
const UTF16_SAMPLE = 64 * 1024;

/**
 * UTF-16 by its BOM (FF FE little endian, what Excel's "Unicode text" writes; FE FF big endian), or,
 * without one, by its NUL bytes: the high byte of every ASCII character (the tabs, line breaks and
 * digits every table has) sits on one side of each pair. Anything else with NUL bytes is no text.
 */
function utf16Of(bytes: Buffer): "utf-16le" | "utf-16be" | "none" | "binary" {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.indexOf(0) === -1) return "none";
  let [even, odd] = [0, 0];
  const end = Math.min(bytes.length, UTF16_SAMPLE * 2);
  for (let i = 0; i < end; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  // One code unit in a hundred ASCII is a table of long Chinese cells; a CJK character whose low
  // byte is 00 (一 is U+4E00) puts the odd NUL on the other side.
  const enough = Math.max(2, end / 200);
  if (odd >= enough && even * 8 < odd) return "utf-16le";
  if (even >= enough && odd * 8 < even) return "utf-16be";
  return "binary";
}

/**
 * UTF-16 (by BOM or NUL bytes, whatever encoding was chosen: no other text has them); then valid
 * UTF-8 (with or without BOM) is UTF-8; anything else is read line by line, which is GB18030 (the
 * superset of GBK that Excel in China writes) unless UTF-8 lines are mixed in. A byte that is not
 * valid in the encoding chosen becomes U+FFFD, which the row's check reports as a broken encoding.
 */
export function decodeText(bytes: Buffer, encoding: FileEncoding): Decoded {
  const utf16 = utf16Of(bytes);
  if (utf16 === "binary")
    throw validationFailed("file", "is not a text file: save it as CSV (UTF-8 or GBK), Unicode text or XLSX");
  // TextDecoder drops the BOM and makes a broken pair U+FFFD.
  if (utf16 !== "none") return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  if (encoding === "gb18030") return { text: iconv.decode(bytes, "gb18030"), encoding };
  if (encoding === "utf-8" || hasBom) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(hasBom ? 3 : 0)), encoding: "utf-8" };
  }
  try {
    return { text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    return decodeLines(bytes);
  }
}

/** Comma, semicolon (European Excel) or tab, whichever the header line has most of. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function readCsv(bytes: Buffer, encoding: FileEncoding): Table {
  const decoded = decodeText(bytes, encoding);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(decoded.text, {
      delimiter: guessDelimiter(decoded.text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw validationFailed("file", `is not a CSV file we can read: ${(error as Error).message}`);
  }
  const [headers = [], ...rows] = records.map((r) => r.record);
  const odd = decoded.oddLines;
  if (!odd) return { headers, rows, encoding: decoded.encoding };
  // A record ends where info.bytes says and begins where the one before it ended.
  const message = `the file mixes UTF-8 and GBK text: this row was read as ${odd.readAs}, check it`;
  const rowWarnings = new Map<number, string>();
  let next = 0; // both in file order: one walk
  records.forEach((r, i) => {
    let inRecord = false;
    for (; next < odd.starts.length && (odd.starts[next] as number) < r.info.bytes; next++) inRecord = true;
    if (inRecord && i > 0) rowWarnings.set(i - 1, message);
  });
  return { headers, rows, encoding: decoded.encoding, rowWarnings };
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const { records, problems } = await readSheet(bytes);
  const [headers = [], ...rows] = records;
  // The header row's problems are no row's: it only names the columns.
  const cellProblems = new Map([...problems].filter(([i]) => i > 0).map(([i, cells]) => [i - 1, cells]));
  return { headers, rows, encoding: "xlsx", cellProblems };
}

/** An OLE compound file: an Excel 97-2003 workbook, or an XLSX saved with a password. */
const isOleFile = (bytes: Buffer) => bytes.length > 8 && bytes.readUInt32BE(0) === 0xd0cf11e0;

/** Reads an uploaded CSV, tab-separated text or XLSX file (told apart by its first bytes, not its name). */
export async function readTable(bytes: Buffer, encoding: FileEncoding = "auto"): Promise<Table> {
  if (isOleFile(bytes))
    throw validationFailed("file", "is an Excel 97-2003 (.xls) or password-protected workbook: save it as .xlsx");
  const table = isXlsx(bytes) ? await readXlsx(bytes) : readCsv(bytes, encoding);
  if (table.headers.length === 0) throw validationFailed("file", "is empty: the first row must name the columns");
  return table;
}
