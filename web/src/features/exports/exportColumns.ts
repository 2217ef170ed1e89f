export type ExportObject = "customers" | "contacts";

/** The built-in columns the export knows (besides each active custom field's `custom.<key>`). */
const builtIn: Record<ExportObject, readonly string[]> = {
  customers: [
    "name",
    "kind",
    "industry",
    "size",
    "level",
    "source",
    "lifecycleStage",
    "tags",
    "phone",
    "email",
    "website",
    "city",
    "address",
    "ownerName",
    "notes",
    "lastFollowUpAt",
    "nextFollowUpAt",
    "createdAt",
    "updatedAt",
    "id",
  ],
  contacts: [
    "name",
    "customerName",
    "title",
    "department",
    "phones",
    "emails",
    "im",
    "birthday",
    "buyingRole",
    "isPrimary",
    "ownerName",
    "notes",
    "createdAt",
    "updatedAt",
    "id",
  ],
};

/**
 * The columns a list shows, in its order, as the export names them: Name first (the list always
 * shows it; a column chooser's choice leaves it out), then the chosen columns the export knows:
 * built-in ones and the object's active custom fields (a saved view may name one archived since).
 */
export function exportColumns(objectType: ExportObject, visible: readonly string[], customKeys: readonly string[]) {
  const known = (key: string) => builtIn[objectType].includes(key) || customKeys.includes(key);
  return ["name", ...visible.filter((key) => key !== "name" && known(key))];
}
