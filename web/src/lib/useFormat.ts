import { createContext, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatMoney, formatNumber, type Money } from "./format";

/** The organization's time zone; dates are shown in it so a team sees the same day. */
export const TimeZoneContext = createContext<string | undefined>(undefined);

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Formatting helpers bound to the UI language and the organization's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const timeZone = useContext(TimeZoneContext);
  return useMemo(
    () => ({
      locale,
      date: (value: string | null | undefined) => formatDate(value, locale, timeZone),
      dateTime: (value: string | null | undefined) => formatDateTime(value, locale, timeZone),
      /** A calendar day stored as YYYY-MM-DD: the same day in every time zone. */
      day: (value: string | null | undefined) => (value ? formatDate(`${value}T00:00:00Z`, locale, "UTC") : ""),
      number: (value: number | string) => formatNumber(value, locale),
      money: (value: Money | null | undefined) => formatMoney(value, locale),
    }),
    [locale, timeZone],
  );
}
