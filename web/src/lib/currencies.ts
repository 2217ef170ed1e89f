import { currencyName } from "./format";

// Currencies offered as the base currency; the server accepts any ISO 4217 code,
// these are the ones our users ask for first.
export const CURRENCIES = [
  "CNY",
  "USD",
  "EUR",
  "GBP",
  "JPY",
  "HKD",
  "TWD",
  "SGD",
  "KRW",
  "AUD",
  "CAD",
  "CHF",
  "INR",
  "MYR",
  "THB",
  "AED",
] as const;

export function currencyOptions(locale: string) {
  return CURRENCIES.map((code) => ({ value: code, label: `${code} · ${currencyName(code, locale)}` }));
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function timeZoneOptions() {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add(browserTimeZone());
  zones.add("UTC");
  return [...zones].sort().map((zone) => ({ value: zone, label: zone }));
}
