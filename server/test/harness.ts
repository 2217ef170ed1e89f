import fs from "node:fs";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { inject } from "vitest";
import { buildApp } from "../src/app.ts";
import { createOrganization } from "../src/modules/organizations/service.ts";
import { type DatabaseHandle, openEmbedded, openPostgres } from "../src/platform/db/client.ts";
import { adminUrl, databaseUrl } from "./pg-url.ts";

let counter = 0;

/** A fresh, migrated database of this test file's own: a PGlite copy, or a PostgreSQL database from the template. */
export async function openTestDatabase(): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = fs.readFileSync(inject("templateDump"));
    const handle = await openEmbedded({ loadDataDir: new Blob([dump]) });
    return { ...handle, drop: () => handle.close() };
  }
  const name = `rapport_t_${process.pid}_${Date.now()}_${counter++}`;
  const admin = await openPostgres(adminUrl(url), 1);
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.db.execute(sql.raw(`create database ${name} template ${inject("templateDatabase")}`));
      break;
    } catch (error) {
      // Another file copying the template at the same moment: wait and try again.
      if (attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const handle = await openPostgres(databaseUrl(url, name), 5);
  return {
    ...handle,
    async drop() {
      await handle.close();
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

export type Response<T = Record<string, unknown>> = { status: number; body: T; headers: Record<string, unknown> };

/** Talks to the app like a browser (cookie + CSRF token) or an integration (API key). */
export class ApiClient {
  private readonly app: FastifyInstance;
  readonly auth: { cookie?: string; csrfToken?: string; apiKey?: string };
  constructor(app: FastifyInstance, auth: { cookie?: string; csrfToken?: string; apiKey?: string } = {}) {
    this.app = app;
    this.auth = auth;
  }

  async request<T = Record<string, unknown>>(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) h.cookie = this.auth.cookie;
    if (this.auth.csrfToken && method !== "GET") h["x-csrf-token"] = this.auth.csrfToken;
    if (this.auth.apiKey) h.authorization = `Bearer ${this.auth.apiKey}`;
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      ...(body === undefined ? {} : typeof body === "string" ? { payload: body } : { payload: body as object }),
    });
    const text = res.body;
    return { status: res.statusCode, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
  get<T = Record<string, unknown>>(url: string) {
    return this.request<T>("GET", url);
  }
  post<T = Record<string, unknown>>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", url, body ?? {}, headers);
  }
  patch<T = Record<string, unknown>>(url: string, body: unknown) {
    return this.request<T>("PATCH", url, body);
  }
  delete<T = Record<string, unknown>>(url: string) {
    return this.request<T>("DELETE", url);
  }
}

export type TestContext = {
  app: FastifyInstance;
  handle: DatabaseHandle;
  anonymous: ApiClient;
  /** Signs in and answers a client that carries the session cookie and CSRF token. */
  signIn(email: string, password: string): Promise<ApiClient>;
  close(): Promise<void>;
};

export async function createTestContext(): Promise<TestContext> {
  const handle = await openTestDatabase();
  const app = await buildApp({ db: handle.db, validateResponses: true });
  await app.ready();
  const anonymous = new ApiClient(app);
  return {
    app,
    handle,
    anonymous,
    async signIn(email, password) {
      const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === "rapport_session");
      const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
      return new ApiClient(app, { cookie: `rapport_session=${cookie?.value}`, csrfToken });
    },
    async close() {
      await app.close();
      await handle.drop();
    },
  };
}

export const PASSWORD = "correct horse battery";

/** Runs first-run setup for an organization and answers its admin's client. */
export async function setUpOrganization(ctx: TestContext, name = "Acme", adminEmail = "admin@acme.test") {
  const res = await ctx.anonymous.post<{ organization: { id: string }; user: { id: string } }>("/api/v1/setup", {
    organizationName: name,
    locale: "en",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "Admin",
    adminEmail,
    adminPassword: PASSWORD,
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  const admin = await ctx.signIn(adminEmail, PASSWORD);
  return { admin, organizationId: res.body.organization.id, adminId: res.body.user.id };
}

/** A further organization on the same install (setup makes only the first), with its admin signed in. */
export async function addOrganization(ctx: TestContext, name: string, adminEmail: string) {
  const created = await ctx.handle.db.transaction((tx) =>
    createOrganization(tx, {
      name,
      locale: "zh-CN",
      baseCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      admin: { name: `${name} admin`, email: adminEmail, password: PASSWORD },
    }),
  );
  const admin = await ctx.signIn(adminEmail, PASSWORD);
  return { admin, organizationId: created.organization.id, adminId: created.admin.id, roles: created.roles };
}

/** Adds a user holding one of the default roles (by its English name) and answers their signed-in client. */
export async function addUserWithRole(ctx: TestContext, admin: ApiClient, email: string, roleName: string) {
  const roles = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles");
  const roleId = roles.body.data.find((r) => r.name === roleName)?.id;
  if (!roleId) throw new Error(`no role ${roleName}`);
  const res = await admin.post("/api/v1/users", { name: email, email, password: PASSWORD, roleIds: [roleId] });
  if (res.status !== 201) throw new Error(`adding ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return ctx.signIn(email, PASSWORD);
}
