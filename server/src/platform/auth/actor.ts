import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { queryRows } from "../db/client.ts";
import { type Actor, mergeRolePermissions, type Permissions } from "../permissions.ts";
import { sha256 } from "./secrets.ts";

type ActorRow = {
  user_id: string;
  organization_id: string;
  is_admin: boolean;
  department_id: string | null;
  permissions: Permissions[];
  csrf_token: string | null;
  credential_id: string;
  last_used_at: Date | string | null;
};

// One query per request: the credential, its active user and all of that user's role permissions.
const actorColumns = sql`u.id as user_id, u.organization_id, u.is_admin, u.department_id,
  coalesce((select json_agg(r.permissions) from user_roles ur join roles r on r.id = ur.role_id
            where ur.user_id = u.id), '[]'::json) as permissions`;

function toActor(row: ActorRow): Actor {
  return {
    organizationId: row.organization_id,
    userId: row.user_id,
    isAdmin: row.is_admin,
    departmentId: row.department_id,
    grants: mergeRolePermissions(row.permissions),
  };
}

async function first(db: Executor, query: SQL): Promise<ActorRow | undefined> {
  return (await queryRows<ActorRow>(db, query))[0];
}

export type ResolvedCredential = { actor: Actor; csrfToken: string | null; credentialId: string };

/*
 * Resolved credentials are remembered for a moment: under load, most requests then skip a query.
 * Anything in this process that changes who may do what calls invalidateActors(); other app nodes
 * see such a change within CACHE_MS.
 */
const CACHE_MS = 2_000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { value: ResolvedCredential | null; until: number }>();

export function invalidateActors(): void {
  cache.clear();
}

async function cached(key: string, load: () => Promise<ResolvedCredential | null>) {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = await load();
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, { value, until: now + CACHE_MS });
  return value;
}

export function actorFromSession(db: Executor, token: string): Promise<ResolvedCredential | null> {
  const id = sha256(token);
  return cached(`session:${id}`, () => loadSession(db, id));
}

export function actorFromApiKey(db: Executor, key: string): Promise<ResolvedCredential | null> {
  const hash = sha256(key);
  return cached(`key:${hash}`, () => loadApiKey(db, hash));
}

/** A user as the Actor their own request would be, for work done on their behalf later (jobs). */
export async function actorOfUser(db: Executor, userId: string): Promise<Actor | null> {
  const row = await first(
    db,
    sql`select ${actorColumns}, null as csrf_token, u.id as credential_id, null as last_used_at
        from users u where u.id = ${userId} and u.active`,
  );
  return row ? toActor(row) : null;
}

async function loadSession(db: Executor, id: string): Promise<ResolvedCredential | null> {
  const row = await first(
    db,
    sql`select ${actorColumns}, s.csrf_token, s.id as credential_id, null as last_used_at
        from sessions s join users u on u.id = s.user_id
        where s.id = ${id} and s.expires_at > now() and u.active`,
  );
  return row ? { actor: toActor(row), csrfToken: row.csrf_token, credentialId: row.credential_id } : null;
}

async function loadApiKey(db: Executor, hash: string): Promise<ResolvedCredential | null> {
  const row = await first(
    db,
    sql`select ${actorColumns}, null as csrf_token, k.id as credential_id, k.last_used_at
        from api_keys k join users u on u.id = k.user_id
        where k.key_hash = ${hash} and k.revoked_at is null
          and (k.expires_at is null or k.expires_at > now()) and u.active`,
  );
  if (!row) return null;
  // Record use at most once a minute, so reads stay reads.
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (Date.now() - lastUsed > 60_000) {
    await db.execute(sql`update api_keys set last_used_at = now() where id = ${row.credential_id}`);
  }
  return { actor: toActor(row), csrfToken: null, credentialId: row.credential_id };
}
