import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "./db/client.ts";
import { idempotencyKeys } from "./db/platform.table.ts";
import { AppError } from "./errors.ts";
import type { Actor } from "./permissions.ts";

export type StoredResponse = { statusCode: number; body: unknown };

/**
 * Runs a create once per Idempotency-Key. The key row is claimed in the same transaction as the
 * create, so a crash leaves neither; a concurrent retry waits on the key's unique index and then
 * replays the stored answer. Reusing a key for a different request is refused.
 */
export async function runIdempotent(
  db: Database,
  actor: Actor,
  key: string | undefined,
  request: { method: string; url: string; body: unknown },
  run: (tx: Transaction) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!key) return db.transaction(run);
  const requestHash = createHash("sha256")
    .update(`${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`)
    .digest("hex");
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ organizationId: actor.organizationId, userId: actor.userId, key, requestHash, statusCode: 0 })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [previous] = await tx
        .select()
        .from(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.organizationId, actor.organizationId),
            eq(idempotencyKeys.userId, actor.userId),
            eq(idempotencyKeys.key, key),
          ),
        );
      if (!previous || previous.requestHash !== requestHash) {
        throw new AppError("idempotency_key_reused", "Idempotency-Key was already used for a different request", [
          { path: "Idempotency-Key", message: "already used for a different request" },
        ]);
      }
      return { statusCode: previous.statusCode, body: previous.response };
    }
    const result = await run(tx);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: result.statusCode, response: sql`${JSON.stringify(result.body)}::jsonb` })
      .where(
        and(
          eq(idempotencyKeys.organizationId, actor.organizationId),
          eq(idempotencyKeys.userId, actor.userId),
          eq(idempotencyKeys.key, key),
        ),
      );
    return result;
  });
}
