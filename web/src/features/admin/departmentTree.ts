import type { Department } from "./api";

export interface DepartmentNode {
  key: string;
  value: string;
  title: string;
  disabled?: boolean;
  children: DepartmentNode[];
}

/**
 * Builds the tree (for antd Tree and TreeSelect) from the flat list. Nodes
 * whose parent is unknown become roots, so a broken link never hides a department.
 * `disabledIds` marks nodes that may not be chosen (a department cannot move under itself).
 */
export function buildDepartmentTree(
  departments: Department[],
  options: { disabledIds?: Set<string>; label?: (department: Department) => string } = {},
) {
  const { disabledIds = new Set<string>(), label = (department: Department) => department.name } = options;
  const nodes = new Map<string, DepartmentNode>();
  for (const department of departments) {
    nodes.set(department.id, {
      key: department.id,
      value: department.id,
      title: label(department),
      disabled: disabledIds.has(department.id),
      children: [],
    });
  }
  const roots: DepartmentNode[] = [];
  for (const department of departments) {
    const node = nodes.get(department.id);
    if (!node) continue;
    const parent = department.parentId ? nodes.get(department.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byName = (a: DepartmentNode, b: DepartmentNode) => a.title.localeCompare(b.title);
  const sort = (list: DepartmentNode[]) => {
    list.sort(byName);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** The department and everything below it. */
export function subtreeIds(departments: Department[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (department.parentId && ids.has(department.parentId) && !ids.has(department.id)) {
        ids.add(department.id);
        grew = true;
      }
    }
  }
  return ids;
}
