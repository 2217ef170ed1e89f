// Locale-aware formatting through Intl. Formatters are costly to build, so
// each distinct (locale, options) pair is built once and reused.

export interface Money {
  amount: string;
  currency: string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  const cached = cache.get(key);
  if (cached instanceof Intl.DateTimeFormat) return cached;
  const created = new Intl.DateTimeFormat(locale, options);
  cache.set(key, created);
  return created;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  const cached = cache.get(key);
  if (cached instanceof Intl.NumberFormat) return cached;
  const created = new Intl.NumberFormat(locale, options);
  cache.set(key, created);
  return created;
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Calendar date, e.g. 2025/3/7 (zh-CN) or Mar 7, 2025 (en). */
export function formatDate(value: string | Date | null | undefined, locale: string, timeZone?: string) {
  if (value == null) return "";
  const date = toDate(value);
  if (!date) return "";
  return dateFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}

/** Date and time to the minute. */
export function formatDateTime(value: string | Date | null | undefined, locale: string, timeZone?: string) {
  if (value == null) return "";
  const date = toDate(value);
  if (!date) return "";
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

export function formatNumber(value: number | string, locale: string, maximumFractionDigits = 2) {
  const numeric = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(numeric)) return String(value);
  return numberFormat(locale, { maximumFractionDigits }).format(numeric);
}

function isDecimalString(value: string): value is Intl.StringNumericLiteral {
  return /^-?\d+(\.\d+)?$/.test(value);
}

/**
 * Money arrives as a decimal string so that no float ever rounds it; Intl
 * formats decimal strings exactly (`StringNumericLiteral`).
 */
export function formatMoney(money: Money | null | undefined, locale: string) {
  if (!money) return "";
  const amount = money.amount;
  if (!isDecimalString(amount)) return `${amount} ${money.currency}`;
  try {
    return numberFormat(locale, { style: "currency", currency: money.currency }).format(amount);
  } catch {
    // An unknown currency code: show the raw amount rather than nothing.
    return `${money.amount} ${money.currency}`;
  }
}

/** Display name of a currency code in the given locale, e.g. CNY -> 人民币. */
export function currencyName(code: string, locale: string) {
  try {
    return new Intl.DisplayNames(locale, { type: "currency" }).of(code) ?? code;
  } catch {
    return code;
  }
}
