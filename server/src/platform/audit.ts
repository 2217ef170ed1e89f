import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "./db/client.ts";
import { newId } from "./db/columns.ts";
import { auditLog, type FieldChange } from "./db/platform.table.ts";
import type { Actor } from "./permissions.ts";

export type AuditAction = "create" | "update" | "delete" | "restore" | "purge" | "merge";

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/** JSON with every object's keys in order: a jsonb value comes back with its keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The fields that differ between two versions of a record, each from what to what. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  fields: readonly string[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = normalize(before?.[field]);
    const to = normalize(after[field]);
    if (canonical(from) !== canonical(to)) changes.push({ field, from, to });
  }
  return changes;
}

export async function writeAudit(
  tx: Executor,
  actor: Actor,
  entry: { entityType: string; entityId: string; action: AuditAction; changes?: FieldChange[] },
): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    organizationId: actor.organizationId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    actorId: actor.userId,
    changes: entry.changes ?? [],
  });
}

export type AuditEntry = {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  at: Date;
  changes: FieldChange[];
};

/** A record's history, newest first, paged by (time, id). */
export async function listAudit(
  db: Executor,
  organizationId: string,
  entityType: string,
  entityId: string,
  page: { limit: number; before?: { at: string; id: string } },
): Promise<AuditEntry[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: sql<string | null>`(select name from users where users.id = ${auditLog.actorId})`,
      at: auditLog.at,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organizationId),
        eq(auditLog.entityType, entityType),
        eq(auditLog.entityId, entityId),
        page.before
          ? sql`(${auditLog.at}, ${auditLog.id}) < (${page.before.at}::timestamptz, ${page.before.id})`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit);
  return rows;
}
