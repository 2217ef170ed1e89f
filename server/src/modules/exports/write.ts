import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { CellType } from "./columns.ts";
import { cellText, csvLine, UTF8_BOM } from "./csv.ts";

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** CSV as it is produced, page by page: UTF-8 with BOM, so Excel reads Chinese right. */
export function csvStream(header: string[], rows: AsyncIterable<unknown[]>): Readable {
  return Readable.from(
    (async function* () {
      yield UTF8_BOM + csvLine(header);
      for await (const row of rows) yield csvLine(row);
    })(),
  );
}

/** An XLSX column: its header, and the type its cells are written as (text when absent). */
export type XlsxColumn = { header: string; type?: CellType };

// Excel's own formats: money with two decimals and thousands separators, dates as ISO reads them.
const numberFormats: Record<CellType, string | undefined> = {
  number: undefined,
  money: "#,##0.00",
  date: "yyyy-mm-dd",
  dateTime: "yyyy-mm-dd hh:mm",
};

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Excel keeps 15 significant digits of a number: an amount of more (money takes 18 before the
 * point) goes in as its exact text, not rounded to another amount that an import would take back.
 */
const EXCEL_DIGITS = 15;
function significantDigits(decimal: string): number {
  const [whole = "", fraction = ""] = decimal.trim().replace(/^[-+]/, "").split(".");
  const integer = whole.replace(/^0+/, "");
  const decimals = fraction.replace(/0+$/, "");
  return integer.length + (integer ? decimals.length : decimals.replace(/^0+/, "").length);
}

/**
 * A cell's value as its column's type: numbers and amounts (decimal strings) as numbers, so SUM
 * adds them; a date (YYYY-MM-DD) as the date at midnight; times come as Dates already on the
 * organization's clock (routes.ts: built-in and custom times alike, for CSV as for XLSX). Anything
 * that does not read as its type stays text. Text goes in as it is: a text cell is never run as a
 * formula, so it needs no escaping (which would show, and come back on import, as an apostrophe).
 */
function xlsxValue(value: unknown, type: CellType | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if ((type === "number" || type === "money") && typeof value === "string" && value.trim() !== "") {
    const number = Number(value);
    if (Number.isFinite(number) && significantDigits(value) <= EXCEL_DIGITS) return number;
  }
  if (type === "date" && typeof value === "string" && calendarDate.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  return typeof value === "string" ? value : cellText(value);
}

/** Rows read before the header is written, to size the columns by. */
const SAMPLE_ROWS = 100;
const fixedWidths: Partial<Record<CellType, number>> = { date: 12, dateTime: 18 };
// Wide (East Asian) characters take two columns of a spreadsheet, as of a terminal.
const wide = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const textWidth = (text: string) => [...text].reduce((n, c) => n + (wide.test(c) ? 2 : 1), 0);

/** A column wide enough for its header and the first rows' values, within reason (Excel's unit: a character). */
function columnWidth(column: XlsxColumn, values: unknown[]): number {
  const texts = [column.header, ...values.map((v) => (typeof v === "string" ? v : cellText(v)))];
  const widest = Math.max(...texts.map(textWidth), column.type ? (fixedWidths[column.type] ?? 0) : 0);
  return Math.min(Math.max(widest + 2, 8), 50);
}

/**
 * XLSX streamed row by row (exceljs' streaming writer), never the whole workbook in memory. The
 * first rows are held back a moment to size the columns, which must be set before the first row.
 */
export function xlsxStream(sheetName: string, columns: XlsxColumn[], rows: AsyncIterable<unknown[]>): Readable {
  const out = new PassThrough();
  // Styles carry the number formats; shared strings stay off (they would hold every text in memory).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  const write = (values: unknown[]) => {
    const row = sheet.addRow(values.map((value, i) => xlsxValue(value, columns[i]?.type)));
    columns.forEach((column, i) => {
      const format = column.type && numberFormats[column.type];
      const cell = row.getCell(i + 1);
      if (format && (typeof cell.value === "number" || cell.value instanceof Date)) cell.numFmt = format;
    });
    row.commit();
  };
  (async () => {
    const pending = rows[Symbol.asyncIterator]();
    const sample: unknown[][] = [];
    for (let next = await pending.next(); !next.done; next = await pending.next()) {
      sample.push(next.value);
      if (sample.length === SAMPLE_ROWS) break;
    }
    columns.forEach((column, i) => {
      sheet.getColumn(i + 1).width = columnWidth(
        column,
        sample.map((values) => values[i]),
      );
    });
    sheet.addRow(columns.map((c) => c.header)).commit();
    for (const values of sample) write(values);
    for (let next = await pending.next(); !next.done; next = await pending.next()) write(next.value);
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
