import {
  type CustomFieldDefinition,
  type CustomValues,
  loadCustomFields,
  validateCustomValues,
} from "../../platform/custom-fields/index.ts";
import type { Executor } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import type { ImportObjectType } from "./table.ts";

/** The organization's active custom fields of the object: mapping targets `custom.<key>`. */
export async function activeCustomFields(db: Executor, organizationId: string, objectType: ImportObjectType) {
  // Fresh: the import checks and writes values, whichever process changed the fields last.
  return (await loadCustomFields(db, organizationId, objectType, { fresh: true })).filter((f) => f.state === "active");
}

const fold = (s: string) => s.trim().toLowerCase();

/** A choice as the file says it (the option's key, or its label in either language) -> its key. */
function optionKey(field: CustomFieldDefinition, text: string): string {
  const option = field.options.find((o) => [o.key, o.label.en, o.label["zh-CN"]].some((w) => fold(w) === fold(text)));
  return option?.key ?? text;
}

/** Cells as typed custom values, checked by the platform's rules; problems keyed by field key. */
export function checkCustomValues(
  fields: CustomFieldDefinition[],
  cells: Record<string, string>,
): { values?: CustomValues; problems: { key: string; message: string }[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const input: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(cells)) {
    const field = byKey.get(key);
    if (field?.type === "multiChoice") input[key] = text.split(/[,;，；、|]/).map((v) => optionKey(field, v.trim()));
    else if (field?.type === "singleChoice") input[key] = optionKey(field, text);
    else input[key] = text;
  }
  try {
    const values = validateCustomValues(fields, input, { partial: false });
    return { values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)), problems: [] };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { problems: error.details.map((d) => ({ key: d.path.replace(/^custom\./, ""), message: d.message })) };
  }
}
