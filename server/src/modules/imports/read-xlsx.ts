import ExcelJS from "exceljs";
import { validationFailed } from "../../platform/errors.ts";

/** The first sheet's non-empty rows as text, and the cells that show no value the import can take. */
export type Sheet = {
  records: string[][];
  /** Problems by index in `records`, then by column index. */
  problems: Map<number, Map<number, string>>;
};

const NO_RESULT = "is a formula without a computed value: open the file in Excel and save it again";

const two = (n: number) => String(n).padStart(2, "0");

/**
 * An Excel date or date-time as the wall-clock time the cell shows. Excel stores no time zone and
 * exceljs hands the serial over as if it were UTC, so the UTC fields are what the user typed:
 * "2026-10-05", or "2026-10-05 06:30", then read like typed text on the organization's clock.
 */
export function wallClockText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const d = new Date(Math.round(date.getTime() / 1000) * 1000); // a serial's float noise: 06:29:59.999
  const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const [hours, minutes, seconds] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  const time = `${two(hours)}:${two(minutes)}${seconds ? `:${two(seconds)}` : ""}`;
  if (day === "1899-12-30") return time; // serial 0: a time of day alone
  return hours || minutes || seconds ? `${day} ${time}` : day;
}

/** A number as Excel shows it: 15 significant digits, so 0.1+0.2 is 0.3. */
const numberText = (n: number) => String(Number(n.toPrecision(15)));

type Read = { text: string; problem?: string; noResult?: boolean };

/** A value (a cell's own, or a formula's cached result) as the text the cell shows. */
function valueText(value: unknown): Read {
  if (value == null) return { text: "" };
  if (value instanceof Date) return { text: wallClockText(value) };
  if (typeof value === "number") return { text: numberText(value) };
  if (typeof value !== "object") return { text: String(value) };
  if ("error" in value) {
    const error = String(value.error);
    return { text: error, problem: `is a formula without a computed value (Excel shows ${error})` };
  }
  if ("richText" in value && Array.isArray(value.richText))
    return { text: value.richText.map((r: { text: string }) => r.text).join("") };
  if ("text" in value) return valueText(value.text);
  return { text: "" };
}

function cellRead(cell: ExcelJS.Cell): Read {
  if (cell.type !== ExcelJS.ValueType.Formula) return valueText(cell.value);
  // `cell.result`, not `cell.value.result`: exceljs's value copy drops a result of 0 or false.
  const result: unknown = cell.result;
  if (result === undefined) return { text: "", noResult: true };
  return valueText(result);
}

/**
 * Reads the first sheet as the user sees it: a formula as its cached result (what Excel shows; nothing
 * is evaluated here), a date-time as its wall-clock text. A formula with an error result is a problem
 * of its cell. Excel writes no cached value for a formula whose result is empty text (`=""`), so one
 * without a value reads as empty when other formulas of the sheet have theirs; when none has (a file
 * a program wrote and nothing ever calculated), each such cell is a problem.
 */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw validationFailed("file", `is not an XLSX workbook we can read: ${(error as Error).message}`);
  }
  // Every cell first: whether a formula without a value is a problem depends on the whole sheet.
  const rows: Read[][] = [];
  let calculated = false;
  workbook.worksheets[0]?.eachRow({ includeEmpty: false }, (row) => {
    const reads: Read[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      const read = cellRead(cell);
      if (cell.type === ExcelJS.ValueType.Formula && !read.noResult) calculated = true;
      reads.push(read);
    }
    rows.push(reads);
  });
  const records: string[][] = [];
  const problems = new Map<number, Map<number, string>>();
  for (const reads of rows) {
    const rowProblems = new Map<number, string>();
    reads.forEach((read, column) => {
      const problem = read.problem ?? (read.noResult && !calculated ? NO_RESULT : undefined);
      if (problem) rowProblems.set(column, problem);
    });
    const cells = reads.map((read) => read.text.trim());
    if (!cells.some((v) => v !== "") && rowProblems.size === 0) continue;
    if (rowProblems.size > 0) problems.set(records.length, rowProblems);
    records.push(cells);
  }
  return { records, problems };
}
