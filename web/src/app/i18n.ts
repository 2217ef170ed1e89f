import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";
import zhCN from "../locales/zh-CN.json";

export const LANGUAGES = [
  { value: "zh-CN", label: "简体中文" },
  { value: "en", label: "English" },
] as const;

export type Language = (typeof LANGUAGES)[number]["value"];

export const LANGUAGE_STORAGE_KEY = "rapport.language";

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.value === value);
}

/** The current UI language, narrowed to the two we ship. */
export function currentLanguage(): Language {
  const resolved = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(resolved) ? resolved : "en";
}

function applyLanguageSideEffects(language: string) {
  // dayjs drives antd's date pickers; the html lang attribute drives screen
  // readers and the browser's choice of CJK glyphs.
  dayjs.locale(language === "zh-CN" ? "zh-cn" : "en");
  document.documentElement.lang = language;
}

i18n.on("languageChanged", applyLanguageSideEffects);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
    supportedLngs: ["zh-CN", "en"],
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes already
    detection: {
      // A choice made with the language switch wins over the browser's setting.
      order: ["localStorage", "navigator"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ["localStorage"],
      // Any Chinese browser setting (zh, zh-Hans, zh-TW…) gets the Chinese UI.
      convertDetectedLanguage: (lng) => (lng.toLowerCase().startsWith("zh") ? "zh-CN" : "en"),
    },
  });

export default i18n;
