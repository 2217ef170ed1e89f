/** The Chinese counting units a number is commonly typed with: 12万 is 120,000, 1.5亿 is 150,000,000. */
const unitZeros: Record<string, number> = { 万: 4, 亿: 8 };

/** A sign, the digits (with thousands separators in groups of three, or none), a fraction, a unit. */
const typedPattern = /^(-)?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(万|亿)?$/;

/**
 * The number a person typed, as a plain decimal string ("12万" is "120000", "1,200.50" is "1200.5"),
 * "" when nothing was typed, and undefined when the text is no number we can read ("12k", "abc1",
 * "3千"): the caller says so rather than guessing. Full-width digits and signs (a Chinese input
 * method's) count as their ASCII twins. Worked on the digits as text, so 0.1万 is exactly 1000.
 */
export function readTypedNumber(text: string): string | undefined {
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return "";
  const m = typedPattern.exec(s);
  if (!m) return undefined;
  const [, sign = "", whole = "", fraction = "", unit] = m;
  if (whole === "" && fraction === "") return undefined;
  const shift = unit ? (unitZeros[unit] ?? 0) : 0;
  const digits = whole.replace(/,/g, "") + fraction.padEnd(shift, "0");
  const point = whole.replace(/,/g, "").length + shift;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const decimals = digits.slice(point).replace(/0+$/, "");
  const value = decimals ? `${integer}.${decimals}` : integer;
  return sign && /[1-9]/.test(value) ? `-${value}` : value;
}

/** How many decimals a decimal string from readTypedNumber has. */
export const decimalPlaces = (value: string) => value.split(".")[1]?.length ?? 0;

/** Why a number box's text is no value: no number at all, or an amount with cents beyond two. */
export type NumberProblem = "number" | "cents";

/**
 * What a number or amount box holds, read as readTypedNumber reads it: the decimal string ("" for
 * nothing typed), or the problem. An amount keeps at most two decimals, as it is stored. The forms
 * (NumberTextInput) and the list filters (NumberFilterInput) read their boxes by this one rule.
 */
export function readNumberBox(text: string, money: boolean): { value: string } | { problem: NumberProblem } {
  const value = readTypedNumber(text);
  if (value === undefined) return { problem: "number" };
  if (money && decimalPlaces(value) > 2) return { problem: "cents" };
  return { value };
}
