import { z } from "zod";

/**
 * A phone number as people write it: digits, spaces and + ( ) - . /, at least three digits, and an
 * extension ("ext. 12", "x12", "转12"). Not checked against a numbering plan: an office's internal
 * number or a foreign one is still a number someone dials.
 */
export const PHONE_PATTERN = /^(?=(?:\D*\d){3})\+?[0-9 ()\-./]{3,40}(\s*(ext\.?|x|转)\s*[0-9]{1,6})?$/i;
export const PHONE_MESSAGE = "must be a phone number (digits, spaces, + ( ) - .)";

/**
 * What Excel writes to a CSV for a long number in a General column: "1.38001E+10", the last digits
 * gone. A common way a Chinese mobile number is lost on its way to an import; the message says how
 * to get them back, where "must be a phone number" would leave the user puzzled.
 */
const SHORTENED_NUMBER = /^\d(\.\d+)?e\+?\d+$/i;
export const SHORTENED_MESSAGE =
  "is a number a spreadsheet shortened (like 1.38E+10), its last digits lost: format the column as text and save the file again";

/** Why a trimmed value is not a phone number, or undefined when it is one. */
export function phoneProblem(value: string): string | undefined {
  if (SHORTENED_NUMBER.test(value)) return SHORTENED_MESSAGE;
  return PHONE_PATTERN.test(value) ? undefined : PHONE_MESSAGE;
}

/** A phone field of a create or update body (its pattern shows in the OpenAPI document). */
export const phoneNumber = z
  .string()
  .trim()
  .max(50)
  .refine((value) => !SHORTENED_NUMBER.test(value), { message: SHORTENED_MESSAGE, abort: true })
  .regex(PHONE_PATTERN, PHONE_MESSAGE);
