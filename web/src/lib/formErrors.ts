import type { FormInstance } from "antd";
import { isApiError } from "./api/errors";

/**
 * Puts the server's validation messages (details[].path, e.g. "address.city")
 * under the matching form fields. Returns true when at least one field got a
 * message, so the caller can skip a generic toast. Only registered fields
 * count: a detail about a field the form lacks is left to the generic message.
 */
export function applyServerErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || error.details.length === 0) return false;
  const known = new Set(Object.keys(flatten(form.getFieldsValue())));
  const fields = error.details
    .filter((detail) => known.has(detail.path) || known.has(detail.path.split(".")[0] ?? ""))
    .map((detail) => ({
      name: detail.path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [detail.message],
    }));
  form.setFields(fields);
  return fields.length > 0;
}

function flatten(value: unknown, prefix = "", out: Record<string, true> = {}): Record<string, true> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    if (prefix) out[prefix] = true;
    return out;
  }
  if (prefix) out[prefix] = true;
  for (const [key, child] of Object.entries(value)) {
    flatten(child, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}
