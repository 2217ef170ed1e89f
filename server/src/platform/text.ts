import { z } from "zod";

/**
 * Characters no single line of text a person types holds: C0/C1 control characters (BEL, ESC, a tab
 * or line break in the middle of a name) and the bidirectional embeddings, overrides and isolates,
 * which make "evil\u202egnp.exe" show as "evilexe.png". They are refused, not stripped: a silent strip
 * would store something other than what was sent, and the caller (an API client, an import) is told
 * which field to fix. Zero-width joiners and the like stay allowed inside text (emoji, Indic scripts).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const forbiddenInLine = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A character that shows: not a space, a control, a format character or one that is never drawn. */
const visibleCharacter = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** A trimmed single line of text: a name, a title, part of an address. */
export const singleLineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !forbiddenInLine.test(value), {
      message: "must not contain control or bidirectional-override characters",
    });

/** A single line that must say something: a record's name. "\u200b\u200b" is no name, however long. */
export const requiredLineText = (max: number) =>
  singleLineText(max)
    .min(1)
    // An empty value already fails min(1); this names the other way to give nothing.
    .refine((value) => value === "" || visibleCharacter.test(value), { message: "must contain a visible character" });

/**
 * A label's words as a key: "Trade show" gives "trade_show", "Café crème" "cafe_creme" (accents
 * dropped), and a label without a Latin letter or digit gives "". Keys made for option values and
 * custom fields both come from it.
 */
export const keyWords = (label: string) =>
  label
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
