import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./db/client.ts";
import { invalidReference } from "./errors.ts";

type OrgTable = PgTable & { id: PgColumn; organizationId: PgColumn };

/** Checks that every id names a row of the caller's organization; a foreign or unknown id is a 422 on path. */
export async function requireInOrganization(
  tx: Executor,
  table: OrgTable,
  organizationId: string,
  ids: (string | null | undefined)[],
  path: string,
  extra?: SQL,
): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organizationId, organizationId), inArray(table.id, wanted), extra));
  if (found.length !== wanted.length) throw invalidReference(path, "refers to a record that does not exist");
}

/** Whether making `parentId` the parent of `id` would close a loop in a tree stored as parent links. */
export async function wouldCycle(
  id: string,
  parentId: string | null,
  parentOf: (id: string) => Promise<string | null>,
): Promise<boolean> {
  for (let at = parentId, steps = 0; at && steps < 10_000; steps++) {
    if (at === id) return true;
    at = await parentOf(at);
  }
  return false;
}
