/** The UTF-8 byte order mark: without it Excel opens a UTF-8 CSV as the local code page and garbles Chinese. */
export const UTF8_BOM = "\uFEFF";

/**
 * A spreadsheet runs a cell that begins with = + - @ (or a tab or CR before one) as a formula
 * (CSV injection). A leading apostrophe makes it text; the value reads the same.
 */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One cell's text: lists joined, objects as their values, formulas escaped. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  // A wall-clock time (see platform/time-zone.ts): its UTC fields, to the second.
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace("T", " ");
  if (Array.isArray(value)) return value.map(cellText).filter(Boolean).join(", ");
  if (typeof value === "object") return Object.values(value).map(cellText).filter(Boolean).join(", ");
  return escapeFormula(String(value));
}

/** One CSV line (RFC 4180): a cell with a comma, quote or line break is quoted, quotes doubled. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells
    .map((cell) => {
      const text = cellText(cell);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",")}\r\n`;
}
