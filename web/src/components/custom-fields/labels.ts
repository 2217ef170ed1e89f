import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { CustomField } from "../../features/custom-fields/api";

type Localized = { en: string; "zh-CN": string };

/** A field's (or option's) label in the UI language. */
export function useLocalized() {
  const { i18n } = useTranslation();
  const zh = (i18n.resolvedLanguage ?? i18n.language).startsWith("zh");
  return useCallback((label: Localized) => (zh ? label["zh-CN"] : label.en) || label.en, [zh]);
}

/** An option key's label, or the key itself when the field no longer knows it. */
export function optionLabel(field: CustomField, key: string, localized: (label: Localized) => string): string {
  const option = field.options.find((o) => o.key === key);
  return option ? localized(option.label) : key;
}
