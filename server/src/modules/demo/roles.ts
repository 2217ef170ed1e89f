import type { Transaction } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import type { Permissions, Scope } from "../../platform/permissions.ts";
import { roles } from "../roles/table.ts";

type Role = typeof roles.$inferSelect;

// The default roles of a new organization; an organization that changed its roles gets what it lacks.
const fallbackRoles: Record<Scope, { zh: string; en: string; permissions: Permissions }> = {
  own: {
    zh: "销售代表",
    en: "Sales rep",
    permissions: { customers: { actions: ["view", "create", "edit", "export"], scope: "own" } },
  },
  subordinates: {
    zh: "销售经理",
    en: "Sales manager",
    permissions: {
      customers: { actions: ["view", "create", "edit", "delete", "export", "transfer"], scope: "subordinates" },
    },
  },
  department: {
    zh: "部门成员",
    en: "Department member",
    permissions: { customers: { actions: ["view", "create", "edit"], scope: "department" } },
  },
  departmentTree: {
    zh: "部门主管",
    en: "Department head",
    permissions: {
      customers: { actions: ["view", "create", "edit", "delete", "export", "transfer"], scope: "departmentTree" },
    },
  },
  all: { zh: "只读", en: "Read only", permissions: { customers: { actions: ["view"], scope: "all" } } },
};

/**
 * Answers the id of a role granting each scope asked for, matched by what roles grant rather than by
 * name (admins rename roles). Among several, the one granting least wins; a missing one is created.
 */
export async function roleIdsByScope(
  tx: Transaction,
  organizationId: string,
  existing: Role[],
  wanted: Scope[],
  zh: boolean,
): Promise<Map<Scope, string>> {
  const byScope = new Map<Scope, string>();
  const leastFirst = [...existing].sort(
    (a, b) => (a.permissions.customers?.actions.length ?? 0) - (b.permissions.customers?.actions.length ?? 0),
  );
  for (const scope of new Set(wanted)) {
    const match = leastFirst.find((role) => role.permissions.customers?.scope === scope);
    if (match) {
      byScope.set(scope, match.id);
      continue;
    }
    const fallback = fallbackRoles[scope];
    const id = newId();
    await tx
      .insert(roles)
      .values({ id, organizationId, name: zh ? fallback.zh : fallback.en, permissions: fallback.permissions });
    byScope.set(scope, id);
  }
  return byScope;
}
