import type { ModuleInfo, Role } from "./api";

export type Permissions = Role["permissions"];
export type ModulePermission = NonNullable<Permissions[string]>;
export type Action = ModuleInfo["actions"][number];
export type Scope = ModulePermission["scope"];

export const ACTIONS = [
  "view",
  "create",
  "edit",
  "delete",
  "export",
  "import",
  "transfer",
  "claim",
] as const satisfies readonly Action[];

export const SCOPES = [
  "own",
  "subordinates",
  "department",
  "departmentTree",
  "all",
] as const satisfies readonly Scope[];

/** Modules with a translated name; others show their key until a label is added. */
export const KNOWN_MODULES = [
  "customers",
  "contacts",
  "activities",
  "leads",
  "deals",
  "products",
  "quotes",
  "contracts",
  "orders",
  "payments",
  "marketing",
  "campaigns",
  "service",
  "tickets",
  "knowledge",
  "analytics",
  "reports",
  "followUps",
  "tasks",
  "settings",
  "tags",
  "sharedViews",
  "pool",
  "duplicates",
] as const;

/**
 * Toggles one action of one module. Any action needs "view" (you cannot edit
 * what you cannot see), so granting one grants view, and taking view away takes all.
 */
export function toggleAction(permissions: Permissions, module: string, action: Action, on: boolean): Permissions {
  const current: ModulePermission = permissions[module] ?? { actions: [], scope: "own" };
  let actions: Action[];
  if (on) actions = [...new Set<Action>([...current.actions, action, "view"])];
  else actions = action === "view" ? [] : current.actions.filter((granted) => granted !== action);
  const next = { ...permissions };
  if (actions.length === 0) delete next[module];
  else next[module] = { ...current, actions: ACTIONS.filter((a) => actions.includes(a)) };
  return next;
}

export function setScope(permissions: Permissions, module: string, scope: Scope): Permissions {
  const current = permissions[module];
  if (!current) return permissions;
  return { ...permissions, [module]: { ...current, scope } };
}
