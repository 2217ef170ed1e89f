import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
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

/**
 * A cell's value as its type. Text goes in as it is: a text cell is never run as a formula, so it
 * needs no escaping (which would show, and come back on import, as an apostrophe).
 */
function xlsxValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  return typeof value === "string" ? value : cellText(value);
}

/** XLSX streamed row by row (exceljs' streaming writer), never the whole workbook in memory. */
export function xlsxStream(sheetName: string, header: string[], rows: AsyncIterable<unknown[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  (async () => {
    sheet.addRow(header).commit();
    for await (const row of rows) sheet.addRow(row.map(xlsxValue)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
