import { wallClock } from "../../platform/time-zone.ts";

/**
 * How spreadsheets, Chinese ones especially, write values the API takes in one strict form: Excel in
 * zh-CN writes dates "2026/10/1", amounts "￥1,200,000.50", checkboxes "是". Each reader answers the
 * API's form, or undefined when the text is none of the forms it knows (the API's check then names
 * the problem), or a problem of its own when the text is a known form that is wrong.
 */
export type Read = { value: string } | { problem: string } | undefined;

const pad = (n: string) => n.padStart(2, "0");

/** "2026/10/1", "2026-10-1", "2026.10.01" and "2026年10月1日" as "2026-10-01"; anything else as it is. */
export function readDate(text: string): string {
  const s = text.trim();
  const m = /^(\d{4})\s*(?:[/.-]|年)\s*(\d{1,2})\s*(?:[/.-]|月)\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? `${m[1]}-${pad(m[2] as string)}-${pad(m[3] as string)}` : s;
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMillis`. */
function offsetMinutes(timeZone: string, utcMillis: number): number {
  return Math.round((wallClock(timeZone)(new Date(utcMillis)).getTime() - utcMillis) / 60_000);
}

/**
 * A date and time without a zone ("2026/10/01 10:30", "2026-10-01 10:30:00", "2026年10月1日 10:30")
 * read on the organization's clock, as ISO 8601 in UTC. A text with a zone ("…Z", "+08:00") or that
 * is no such form stays as it is, for the API's check.
 */
export function readDateTime(text: string, timeZone: string): string {
  const s = text.trim();
  const m = /^(.+?)(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s) ?? /^(.+)$/.exec(s);
  const date = readDate(m?.[1] ?? "");
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !d) return s;
  const [hour, minute, second] = [m[2] ?? "0", m[3] ?? "0", m[4] ?? "0"].map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return s;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCDate() !== Number(d[3]) || check.getUTCMonth() !== Number(d[2]) - 1) return s; // 2026-02-30
  // The offset at the wall time, then again at the instant found (a day that changes clocks).
  const first = wall - offsetMinutes(timeZone, wall) * 60_000;
  return new Date(wall - offsetMinutes(timeZone, first) * 60_000).toISOString();
}

/** Thousands separators ("1,200,000", "1，200，000") go; a comma elsewhere is no separator and stays. */
function withoutSeparators(s: string): string {
  return /^-?\d{1,3}([,，]\d{3})+(\.\d+)?$/.test(s) ? s.replace(/[,，]/g, "") : s;
}

/** "1,200,000" as "1200000", for number fields. */
export function readNumber(text: string): string {
  return withoutSeparators(text.trim().replace(/\s+/g, ""));
}

/** The signs and words an amount in a currency is written with, beside its ISO code. */
const currencySigns: Record<string, string[]> = {
  CNY: ["¥", "￥", "CN¥", "RMB", "元", "人民币"],
  JPY: ["¥", "￥", "JP¥", "円", "日元"],
  USD: ["$", "US$", "美元"],
  HKD: ["HK$", "$", "港币", "港元"],
  TWD: ["NT$", "$", "新台币"],
  SGD: ["S$", "$"],
  AUD: ["A$", "$"],
  CAD: ["C$", "$"],
  EUR: ["€", "欧元"],
  GBP: ["£", "英镑"],
  KRW: ["₩", "韩元"],
  INR: ["₹"],
  CHF: ["CHF", "Fr."],
};
/** Any currency sign or code around an amount: what is left once the number is taken out. */
const amountParts = /^([^\d\-.]*?)\s*(-?[\d,，]*\.?\d*)\s*([^\d]*)$/;

/**
 * An amount in the field's currency: its sign or code before or after ("￥1,200,000", "1,200,000.50
 * 元", "CNY 500") and thousands separators go. A sign of another currency ("$500" for a CNY field)
 * is a problem, not an amount to take in the wrong currency.
 */
export function readMoney(text: string, currency: string | null): Read {
  const s = text.trim();
  const m = amountParts.exec(s);
  if (!m || !/\d/.test(m[2] ?? "")) return undefined;
  const marks = [m[1], m[3]].map((x) => (x ?? "").trim()).filter(Boolean);
  if (marks.length > 1) return undefined;
  const amount = withoutSeparators(m[2] as string);
  const mark = marks[0];
  if (!mark) return { value: amount };
  const own = currency ? [currency, ...(currencySigns[currency] ?? [])] : [];
  if (own.some((sign) => sign.toLowerCase() === mark.toLowerCase())) return { value: amount };
  const known = Object.entries(currencySigns).some(
    ([code, signs]) => code === mark.toUpperCase() || signs.includes(mark),
  );
  if (!known) return undefined;
  return {
    problem: currency ? `is in ${mark}, not ${currency}` : `has a currency sign (${mark}): give the amount only`,
  };
}

const yes = new Set(["是", "yes", "y", "true", "1", "√", "✓", "✔", "对", "有"]);
const no = new Set(["否", "no", "n", "false", "0", "×", "✗", "✘", "不是", "无"]);

/** 是/否, yes/no, y/n, true/false, 1/0, √/× (any case) as "true" or "false". */
export function readCheckbox(text: string): Read {
  const s = text.trim().toLowerCase();
  if (yes.has(s)) return { value: "true" };
  if (no.has(s)) return { value: "false" };
  return { problem: "must be yes or no (是/否, yes/no, y/n, true/false, 1/0, √/×)" };
}
