import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createTestContext, PASSWORD, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";

type ErrorBody = { error: { code: string; details: { path: string }[] } };

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe("first run and sign-in", () => {
  it("asks for setup on an empty database, then never again", async () => {
    expect((await ctx.anonymous.get("/api/v1/setup")).body).toEqual({ needed: true });
    const bad = await ctx.anonymous.post<ErrorBody>("/api/v1/setup", {
      organizationName: "Acme",
      locale: "fr",
      baseCurrency: "yuan",
      timeZone: "Mars/Olympus",
      adminName: "A",
      adminEmail: "nope",
      adminPassword: "short",
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(["locale", "baseCurrency", "timeZone", "adminEmail", "adminPassword"]),
    );
    expect((await ctx.anonymous.get("/api/v1/setup")).body).toEqual({ needed: true });

    await setUpOrganization(ctx);
    expect((await ctx.anonymous.get("/api/v1/setup")).body).toEqual({ needed: false });
    const again = await ctx.anonymous.post<ErrorBody>("/api/v1/setup", {
      organizationName: "Evil",
      locale: "en",
      baseCurrency: "USD",
      timeZone: "UTC",
      adminName: "Evil",
      adminEmail: "evil@example.com",
      adminPassword: "password123",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_set_up");
  });

  it("stores passwords as argon2id hashes and sessions as hashes of their tokens", async () => {
    const rows = await queryRows<{ password_hash: string }>(ctx.handle.db, sql`select password_hash from users`);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "admin@acme.test", password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "rapport_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    const stored = await queryRows<{ id: string }>(
      ctx.handle.db,
      sql`select id from sessions where id = ${cookie?.value ?? ""}`,
    );
    expect(stored).toEqual([]);
  });

  it("signs in and out", async () => {
    const admin = await ctx.signIn("ADMIN@acme.test", PASSWORD);
    const session = await admin.get<{ user: { email: string }; csrfToken: string }>("/api/v1/auth/session");
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe("admin@acme.test");
    expect((await admin.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await admin.get("/api/v1/auth/session")).status).toBe(401);
    expect((await admin.get("/api/v1/customers")).status).toBe(401);
  });

  it("refuses a wrong password, then rate-limits repeated failures", async () => {
    const attempt = () =>
      ctx.anonymous.post<ErrorBody>("/api/v1/auth/login", { email: "admin@acme.test", password: "wrong password" });
    for (let i = 0; i < 5; i++) {
      const res = await attempt();
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("invalid_credentials");
    }
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    // Even the right password waits until the window passes.
    const right = await ctx.anonymous.post("/api/v1/auth/login", { email: "admin@acme.test", password: PASSWORD });
    expect(right.status).toBe(429);
    await ctx.handle.db.execute(sql`delete from login_failures`);
    expect(
      (await ctx.anonymous.post("/api/v1/auth/login", { email: "admin@acme.test", password: PASSWORD })).status,
    ).toBe(200);
  });

  it("an unknown email fails like a wrong password", async () => {
    const res = await ctx.anonymous.post<ErrorBody>("/api/v1/auth/login", { email: "ghost@acme.test", password: "x" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_credentials");
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated change without the session's CSRF token", async () => {
    const admin = await ctx.signIn("admin@acme.test", PASSWORD);
    const forged = new ApiClient(ctx.app, { cookie: admin.auth.cookie });
    const res = await forged.post<ErrorBody>("/api/v1/customers", { name: "Forged" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("csrf_failed");
    const wrong = new ApiClient(ctx.app, { cookie: admin.auth.cookie, csrfToken: "guess" });
    expect((await wrong.post("/api/v1/customers", { name: "Forged" })).status).toBe(403);
    // Reading needs no token; the forged writes left nothing behind.
    const list = await forged.get<{ data: unknown[] }>("/api/v1/customers?q=forged");
    expect(list.body.data).toEqual([]);
    expect((await admin.post("/api/v1/customers", { name: "Genuine" })).status).toBe(201);
  });
});

describe("API keys", () => {
  it("creates a key shown once, acts as its user, and stops working when revoked", async () => {
    const admin = await ctx.signIn("admin@acme.test", PASSWORD);
    const created = await admin.post<{ id: string; key: string; prefix: string }>("/api/v1/api-keys", {
      name: "ERP sync",
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^rk_/);
    const listed = await admin.get<{ data: Record<string, unknown>[] }>("/api/v1/api-keys");
    expect(listed.body.data[0]).not.toHaveProperty("key");
    expect(listed.body.data[0]?.prefix).toBe(created.body.key.slice(0, 10));
    const stored = await queryRows<{ key_hash: string }>(ctx.handle.db, sql`select key_hash from api_keys`);
    expect(stored[0]?.key_hash).not.toContain(created.body.key);

    const integration = new ApiClient(ctx.app, { apiKey: created.body.key });
    const made = await integration.post<{ ownerName: string }>("/api/v1/customers", { name: "Via API key" });
    expect(made.status).toBe(201);
    expect(made.body.ownerName).toBe("Admin");

    expect((await admin.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    const after = await integration.get<ErrorBody>("/api/v1/customers");
    expect(after.status).toBe(401);
    expect((await new ApiClient(ctx.app, { apiKey: "rk_made_up" }).get("/api/v1/customers")).status).toBe(401);
    expect(
      (await ctx.anonymous.request("GET", "/api/v1/customers", undefined, { authorization: "Basic abc" })).status,
    ).toBe(401);
  });

  it("refuses an expiry in the past", async () => {
    const admin = await ctx.signIn("admin@acme.test", PASSWORD);
    const res = await admin.post<ErrorBody>("/api/v1/api-keys", { name: "old", expiresAt: "2001-01-01T00:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("expiresAt");
  });
});
