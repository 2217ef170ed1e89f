import "i18next";
import type en from "./locales/en.json";

// Typed translation keys: a key missing from en.json fails the type check, and
// the locales test keeps zh-CN.json in step with en.json.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
