import type { FastifyRequest } from "fastify";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

/**
 * The language a request asks for: `lang` when the caller names one (a download link cannot set
 * headers), else Accept-Language, which the web app sets to its own. Chinese or English.
 */
export function requestLocale(req: Pick<FastifyRequest, "headers">, lang?: string): Locale {
  if (lang === "en" || lang === "zh-CN") return lang;
  return /^zh/i.test(String(req.headers["accept-language"] ?? "")) ? "zh-CN" : "en";
}
