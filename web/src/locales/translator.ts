import i18next, { type TFunction } from "i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";

/** A translate function of the app's own strings in one language, apart from the app's i18next (for tests). */
export async function translator(lng: "en" | "zh-CN"): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}
