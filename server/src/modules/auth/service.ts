import { and, eq, gt, sql } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { actorFromSession, invalidateActors } from "../../platform/auth/actor.ts";
import { SESSION_COOKIE } from "../../platform/auth/plugin.ts";
import { hashPassword, randomToken, sha256, verifyPassword } from "../../platform/auth/secrets.ts";
import type { Database, Executor } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { AppError } from "../../platform/errors.ts";
import { type Actor, effectivePermissions } from "../../platform/permissions.ts";
import { organizations } from "../organizations/table.ts";
import { getUser } from "../users/service.ts";
import { users } from "../users/table.ts";
import { loginFailures, sessions } from "./table.ts";

const SESSION_DAYS = 30;
const FAILURE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

export type SessionOptions = { secureCookies: boolean };

export async function sessionBody(db: Executor, actor: Actor, csrfToken: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
  if (!org) throw new AppError("unauthorized", "Organization is gone");
  return {
    user: await getUser(db, actor, actor.userId),
    organization: {
      id: org.id,
      name: org.name,
      locale: org.locale === "en" ? ("en" as const) : ("zh-CN" as const),
      baseCurrency: org.baseCurrency,
      timeZone: org.timeZone,
    },
    permissions: effectivePermissions(actor),
    csrfToken,
  };
}

/** Starts a cookie session for a user and answers what the web app needs to know about it. */
export async function startSession(db: Executor, reply: FastifyReply, userId: string, opts: SessionOptions) {
  const token = randomToken();
  const csrfToken = randomToken();
  const [user] = await db.select({ organizationId: users.organizationId }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("unauthorized", "User is gone");
  await db.insert(sessions).values({
    id: sha256(token),
    organizationId: user.organizationId,
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: opts.secureCookies,
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
  });
  const resolved = await actorFromSession(db, token);
  if (!resolved) throw new AppError("unauthorized", "User is not active");
  return sessionBody(db, resolved.actor, csrfToken);
}

async function recentFailures(
  db: Executor,
  column: typeof loginFailures.email | typeof loginFailures.ip,
  value: string,
) {
  const since = new Date(Date.now() - FAILURE_WINDOW_MINUTES * 60_000);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(and(eq(column, value), gt(loginFailures.at, since)));
  return row?.n ?? 0;
}

// Verifying against a throwaway hash keeps "no such user" as slow as "wrong password".
let dummyHash: Promise<string> | undefined;

/** Checks credentials, slowing down guessing per email and per address; answers the user's id. */
export async function checkCredentials(db: Database, email: string, password: string, ip: string): Promise<string> {
  const normalized = email.trim().toLowerCase();
  if (
    (await recentFailures(db, loginFailures.email, normalized)) >= MAX_FAILURES_PER_EMAIL ||
    (await recentFailures(db, loginFailures.ip, ip)) >= MAX_FAILURES_PER_IP
  ) {
    throw new AppError("rate_limited", `Too many failed sign-ins; try again in ${FAILURE_WINDOW_MINUTES} minutes`);
  }
  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalized}`);
  dummyHash ??= hashPassword(randomToken());
  const ok = await verifyPassword(user?.hash ?? (await dummyHash), password);
  if (!user || !ok || !user.active) {
    await db.insert(loginFailures).values({ id: newId(), email: normalized, ip });
    throw new AppError("invalid_credentials", "Email or password is wrong");
  }
  await db.delete(loginFailures).where(eq(loginFailures.email, normalized));
  return user.id;
}

export async function endSession(db: Executor, token: string | undefined): Promise<void> {
  if (token) await db.delete(sessions).where(eq(sessions.id, sha256(token)));
  invalidateActors();
}
