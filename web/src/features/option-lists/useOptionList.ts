import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type OptionValue, useOptionLists } from "./api";

export interface OptionChoice {
  value: string;
  label: string;
}

/** The label of a value in the UI language. */
export const optionLabel = (value: OptionValue, language: string | undefined) =>
  language === "zh-CN" ? value.labelZh : value.labelEn;

/**
 * One option list (e.g. "customer.industry") in the current language: `label(key)` for any stored
 * key (archived ones too; an unknown key shows as itself), `options` of active values for pickers,
 * `filterOptions` of every value (an archived value can still be filtered on).
 */
export function useOptionList(listKey: string) {
  const lists = useOptionLists();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useMemo(() => {
    const values = lists.data?.find((list) => list.key === listKey)?.values ?? [];
    const byKey = new Map(values.map((value) => [value.key, value]));
    const toChoice = (value: OptionValue): OptionChoice => ({ value: value.key, label: optionLabel(value, language) });
    return {
      values,
      isLoading: lists.isPending,
      label: (key: string) => {
        const value = byKey.get(key);
        return value ? optionLabel(value, language) : key;
      },
      color: (key: string) => byKey.get(key)?.color ?? undefined,
      has: (key: string) => byKey.has(key),
      options: values.filter((value) => !value.archived).map(toChoice),
      filterOptions: values.map(toChoice),
      /** Active values, plus the given ones a record still holds although archived. */
      optionsKeeping: (held: readonly (string | null | undefined)[]) =>
        values.filter((value) => !value.archived || held.includes(value.key)).map(toChoice),
    };
  }, [lists.data, lists.isPending, listKey, language]);
}

export type OptionListView = ReturnType<typeof useOptionList>;
