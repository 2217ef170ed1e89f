import type { components } from "../../lib/api/schema";

export type ExportObject = "customers" | "contacts";

/** The keys of an object's built-in export columns: the API's enum of them (server/src/modules/exports/schema.ts). */
type BuiltInColumn = {
  customers: components["schemas"]["CustomerExportColumnInput"];
  contacts: components["schemas"]["ContactExportColumnInput"];
};

/**
 * The built-in columns the export knows (besides each active custom field's `custom.<key>`), as the
 * API's types have them. A type has no values to test a key against at run time, so each key is
 * named here once, checked both ways: one the server adds or drops fails `npm run typecheck` until
 * it is added or dropped here. An enum carries all the web needs: which keys exist. Their order is
 * the list's (Name first) and their headers the list's own labels, so no endpoint is asked.
 */
const builtIn: { [O in ExportObject]: Record<BuiltInColumn[O], true> } = {
  customers: {
    name: true,
    kind: true,
    industry: true,
    size: true,
    level: true,
    source: true,
    lifecycleStage: true,
    tags: true,
    phone: true,
    email: true,
    website: true,
    city: true,
    address: true,
    ownerName: true,
    notes: true,
    lastFollowUpAt: true,
    nextFollowUpAt: true,
    createdAt: true,
    updatedAt: true,
    id: true,
  },
  contacts: {
    name: true,
    customerName: true,
    title: true,
    department: true,
    phones: true,
    emails: true,
    im: true,
    birthday: true,
    buyingRole: true,
    isPrimary: true,
    ownerName: true,
    notes: true,
    createdAt: true,
    updatedAt: true,
    id: true,
  },
};

/**
 * The columns a list shows, in its order, as the export names them: Name first (the list always
 * shows it; a column chooser's choice leaves it out), then the chosen columns the export knows:
 * built-in ones and the object's active custom fields (a saved view may name one archived since).
 */
export function exportColumns(objectType: ExportObject, visible: readonly string[], customKeys: readonly string[]) {
  const known = (key: string) => Object.hasOwn(builtIn[objectType], key) || customKeys.includes(key);
  return ["name", ...visible.filter((key) => key !== "name" && known(key))];
}
