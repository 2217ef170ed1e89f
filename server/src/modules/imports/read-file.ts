import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { validationFailed } from "../../platform/errors.ts";

export const fileEncodings = ["auto", "utf-8", "gb18030"] as const;
export type FileEncoding = (typeof fileEncodings)[number];

/** A spreadsheet as text: the header row and the data rows, each cell a trimmed string. */
export type Table = { headers: string[]; rows: string[][]; encoding: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32BE(0) === 0x504b0304;

/**
 * Valid UTF-8 (with or without BOM) is UTF-8; anything else is taken as GB18030, the superset of
 * GBK that Excel in China writes. A byte that is not valid there either becomes U+FFFD, which the
 * row's check reports as a broken encoding.
 */
export function decodeText(bytes: Buffer, encoding: FileEncoding): { text: string; encoding: string } {
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  if (encoding === "gb18030") return { text: iconv.decode(bytes, "gb18030"), encoding };
  if (encoding === "utf-8" || hasBom) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(hasBom ? 3 : 0)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(bytes, "gb18030"), encoding: "gb18030" };
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
  let records: string[][];
  try {
    records = parse(decoded.text, {
      delimiter: guessDelimiter(decoded.text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw validationFailed("file", `is not a CSV file we can read: ${(error as Error).message}`);
  }
  const [headers = [], ...rows] = records;
  return { headers, rows, encoding: decoded.encoding };
}

/** A cell's text as the user sees it; a formula is kept as its text, never evaluated. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, "");
  if (typeof value !== "object") return String(value);
  if ("formula" in value && value.formula) return `=${value.formula}`;
  if ("sharedFormula" in value && value.sharedFormula) return `=${value.sharedFormula}`;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw validationFailed("file", `is not an XLSX workbook we can read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  const records: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((v) => v !== "")) records.push(cells);
  });
  const [headers = [], ...rows] = records;
  return { headers, rows, encoding: "xlsx" };
}

/** Reads an uploaded CSV or XLSX file (told apart by its first bytes, not its name). */
export async function readTable(bytes: Buffer, encoding: FileEncoding = "auto"): Promise<Table> {
  const table = isXlsx(bytes) ? await readXlsx(bytes) : readCsv(bytes, encoding);
  if (table.headers.length === 0) throw validationFailed("file", "is empty: the first row must name the columns");
  return table;
}
