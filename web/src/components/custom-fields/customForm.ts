import type { CustomField } from "../../features/custom-fields/api";

export type CustomValues = Record<string, unknown>;

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/**
 * The form's `custom` values (held in their stored form, see CustomFieldInputs) as the API's `custom`
 * object. A new record sends what was filled in; an edit sends only the fields that changed (null
 * clears one), so it never trips over a value it did not touch.
 */
export function customFromForm(fields: CustomField[], form: CustomValues | undefined, original?: CustomValues) {
  const out: CustomValues = {};
  for (const field of fields) {
    const raw = form?.[field.key];
    const value = isEmpty(raw) ? null : typeof raw === "string" ? raw.trim() : raw;
    if (!original) {
      if (value !== null) out[field.key] = value;
    } else if (JSON.stringify(value) !== JSON.stringify(original[field.key] ?? null)) {
      out[field.key] = value;
    }
  }
  return out;
}
