import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { forbidden } from "./errors.ts";

export const actions = ["view", "create", "edit", "delete", "export", "import", "transfer"] as const;
/** Actions that are not about a module's own records: "claim" takes a customer from the public pool. */
export const otherActions = ["claim"] as const;
export type Action = (typeof actions)[number] | (typeof otherActions)[number];
export const allActions = [...actions, ...otherActions] as const;

/** Data scopes, as users of 悟空CRM and 纷享销客 know them (本人, 本人及下属, 本部门, 本部门及下属部门, 全部). */
export const scopes = ["own", "subordinates", "department", "departmentTree", "all"] as const;
export type Scope = (typeof scopes)[number];

export const modulePermissionSchema = z.strictObject({
  actions: z.array(z.enum(allActions)).max(allActions.length),
  scope: z.enum(scopes),
});
export type ModulePermission = z.infer<typeof modulePermissionSchema>;
export type Permissions = Record<string, ModulePermission>;

/** Modules whose records are permission-checked. A new module adds itself here. */
/** `scoped`: a record module whose rows the data scope filters; the others ignore a role's scope. */
export const permissionModules: { key: string; actions: readonly Action[]; scoped: boolean }[] = [
  { key: "customers", actions, scoped: true },
  { key: "contacts", actions, scoped: true },
  { key: "followUps", actions, scoped: true },
  { key: "tasks", actions, scoped: true },
  // The public pool (公海): "view" lists it, "claim" takes a customer from it (within the claim limit).
  // Everyone who may view the pool sees all of it: no scope.
  { key: "pool", actions: ["view", "claim"], scoped: false },
  // Not record modules: "settings: edit" changes option lists (administrators only by default);
  // "tags: create" adds a new tag while tagging; "sharedViews: create" shares a list view.
  // "view" is there because the role editor grants it with any action.
  { key: "settings", actions: ["view", "edit"], scoped: false },
  { key: "tags", actions: ["view", "create"], scoped: false },
  { key: "sharedViews", actions: ["view", "create"], scoped: false },
  // The duplicate finder (查重): "view" lists groups of likely duplicates; merging needs edit and delete on the records.
  { key: "duplicates", actions: ["view"], scoped: false },
];

/** The caller of a request, as every service sees it. */
export type Actor = {
  organizationId: string;
  userId: string;
  isAdmin: boolean;
  departmentId: string | null;
  /** Per module: the actions granted by any role, and every scope those roles grant. */
  grants: Record<string, { actions: Set<Action>; scopes: Set<Scope> }>;
};

export function mergeRolePermissions(rolePermissions: Permissions[]): Actor["grants"] {
  const grants: Actor["grants"] = {};
  for (const permissions of rolePermissions) {
    for (const [module, p] of Object.entries(permissions)) {
      const g = grants[module] ?? { actions: new Set(), scopes: new Set() };
      grants[module] = g;
      for (const a of p.actions) g.actions.add(a);
      if (p.actions.length > 0) g.scopes.add(p.scope);
    }
  }
  return grants;
}

export function can(actor: Actor, module: string, action: Action): boolean {
  return actor.isAdmin || (actor.grants[module]?.actions.has(action) ?? false);
}

/** A module as messages name it, where its key is not a word ("followUps"). */
const moduleNames: Record<string, string> = { followUps: "follow-ups", sharedViews: "shared views" };
export const moduleName = (module: string) => moduleNames[module] ?? module;

export function requirePermission(actor: Actor, module: string, action: Action): void {
  if (!can(actor, module, action)) throw forbidden(`You may not ${action} ${moduleName(module)}`);
}

const scopeOrder: Scope[] = [...scopes];

/** The widest scope, for display; enforcement uses every granted scope (see scopeCondition). */
export function widestScope(actor: Actor, module: string): Scope {
  if (actor.isAdmin) return "all";
  const granted = actor.grants[module]?.scopes ?? new Set<Scope>();
  return scopeOrder.filter((s) => granted.has(s)).at(-1) ?? "own";
}

export function effectivePermissions(actor: Actor): Permissions {
  return Object.fromEntries(
    permissionModules.map((m) => [
      m.key,
      {
        actions: m.actions.filter((a) => can(actor, m.key, a)),
        scope: widestScope(actor, m.key),
      },
    ]),
  );
}

/**
 * With `id`, records shared with the actor (record_shares, object type = module) count as in scope
 * too; with `sharedThrough`, so do records whose parent is shared with the actor (a shared
 * customer's contacts and follow-ups), at the parent's share access.
 */
type ScopedColumns = {
  ownerId: AnyColumn;
  departmentId: AnyColumn;
  id?: AnyColumn;
  sharedThrough?: SharedThrough | SharedThrough[];
};
/** The parent record whose team members see this record: its permission module and the column holding its id. */
export type SharedThrough = { module: string; id: AnyColumn };
export type Access = "read" | "write";

/**
 * The one place data scopes become SQL: the condition a record must meet for the actor to see it
 * (undefined when the actor sees every record of the organization). Records outside it are simply
 * not found. With access "write", a record shared with the actor counts only when shared read-write.
 */
export function scopeCondition(
  actor: Actor,
  module: string,
  table: ScopedColumns,
  access: Access = "read",
): SQL | undefined {
  if (actor.isAdmin) return undefined;
  const granted = actor.grants[module]?.scopes;
  if (!granted || granted.size === 0) throw forbidden(`You may not view ${moduleName(module)}`);
  if (granted.has("all")) return undefined;
  const org = actor.organizationId;
  const me = actor.userId;
  const dept = actor.departmentId;
  const parts: SQL[] = [];
  if (granted.has("own") && !granted.has("subordinates")) parts.push(sql`${table.ownerId} = ${me}`);
  if (granted.has("subordinates")) {
    parts.push(sql`${table.ownerId} in (
      with recursive team(id) as (
        select ${me}::uuid
        union select u.id from users u join team on u.manager_id = team.id where u.organization_id = ${org}
      ) select id from team)`);
  }
  if (dept && granted.has("department") && !granted.has("departmentTree")) {
    parts.push(sql`${table.departmentId} = ${dept}`);
  }
  if (dept && granted.has("departmentTree")) {
    parts.push(sql`${table.departmentId} in (
      with recursive tree(id) as (
        select ${dept}::uuid
        union select d.id from departments d join tree on d.parent_id = tree.id where d.organization_id = ${org}
      ) select id from tree)`);
  }
  // EXISTS on the share table's primary key: one index probe per row, so lists stay fast.
  const sharedWithMe = (objectType: string, recordId: AnyColumn) =>
    sql`exists (select 1 from record_shares s where s.organization_id = ${org}
      and s.object_type = ${objectType} and s.record_id = ${recordId} and s.user_id = ${me}
      ${access === "write" ? sql`and s.access = 'write'` : sql``})`;
  if (table.id) parts.push(sharedWithMe(module, table.id));
  for (const parent of [table.sharedThrough ?? []].flat()) parts.push(sharedWithMe(parent.module, parent.id));
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`;
}
