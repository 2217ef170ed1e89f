import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createTestContext, PASSWORD, type TestContext } from "../../test/harness.ts";
import { queryRows } from "../platform/db/client.ts";
import { createApiKeyCommand } from "./api-keys.ts";
import { DEMO_ADMIN_EMAIL, DEMO_ORGANIZATION_NAME, demoCommand } from "./demo.ts";
import { createOrganizationCommand } from "./organization-command.ts";
import { CliError } from "./support.ts";
import { createUserCommand, resetPasswordCommand } from "./users.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const count = async (table: "users" | "organizations" | "customers") =>
  (await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n;

// One install, step by step: the tests run in order and each builds on the one before.
describe("the admin commands", () => {
  it("refuses a user on an empty install unless it is the first admin", async () => {
    await expect(createUserCommand(ctx.handle, { email: "a@acme.test", name: "A" })).rejects.toThrow(
      /no organization yet.*--admin/,
    );
    expect(await count("organizations")).toBe(0);
  });

  it("refuses a weak password or a bad email and creates nothing", async () => {
    const admin = { email: "boss@acme.test", name: "Boss", admin: true };
    await expect(createUserCommand(ctx.handle, { ...admin, password: "short" })).rejects.toThrow(CliError);
    await expect(createUserCommand(ctx.handle, { ...admin, email: "not-an-email" })).rejects.toThrow(/not an email/);
    expect(await count("users")).toBe(0);
  });

  it("creates the first organization with its admin, who can sign in with the generated password", async () => {
    const created = await createUserCommand(ctx.handle, {
      email: "boss@acme.test",
      name: "Boss",
      admin: true,
      org: "Acme 中国",
    });
    expect(created.organization).toMatchObject({ name: "Acme 中国", created: true });
    expect(created.generatedPassword).toMatch(/^[\w-]{20}$/);
    const boss = await ctx.signIn("boss@acme.test", created.generatedPassword ?? "");
    const session = await boss.get<{ user: { isAdmin: boolean } }>("/api/v1/auth/session");
    expect(session.body.user.isAdmin).toBe(true);
  });

  it("adds a user to the only organization, and refuses a taken email", async () => {
    const rep = await createUserCommand(ctx.handle, { email: "rep@acme.test", name: "Rep", password: PASSWORD });
    expect(rep.organization).toMatchObject({ name: "Acme 中国", created: false });
    expect(rep.generatedPassword).toBeNull();
    await ctx.signIn("rep@acme.test", PASSWORD);
    await expect(createUserCommand(ctx.handle, { email: "REP@acme.test", name: "Again" })).rejects.toThrow(
      /already exists/,
    );
  });

  it("resets a password and ends the user's sessions", async () => {
    const before = await ctx.signIn("rep@acme.test", PASSWORD);
    expect((await before.get("/api/v1/auth/session")).status).toBe(200);
    const reset = await resetPasswordCommand(ctx.handle, { email: "Rep@Acme.test" });
    expect(reset.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await before.get("/api/v1/auth/session")).status).toBe(401);
    await expect(ctx.signIn("rep@acme.test", PASSWORD)).rejects.toThrow(/401/);
    await ctx.signIn("rep@acme.test", reset.generatedPassword ?? "");
    await expect(resetPasswordCommand(ctx.handle, { email: "nobody@acme.test" })).rejects.toThrow(/No user/);
    await expect(resetPasswordCommand(ctx.handle, { email: "rep@acme.test", password: "1234" })).rejects.toThrow(
      /at least 8/,
    );
  });

  it("creates an API key that acts as the user", async () => {
    const created = await createApiKeyCommand(ctx.handle, { email: "boss@acme.test", name: "ERP sync" });
    const integration = new ApiClient(ctx.app, { apiKey: created.key });
    const users = await integration.get<{ data: { email: string }[] }>("/api/v1/users");
    expect(users.status).toBe(200);
    expect(users.body.data.map((u) => u.email)).toContain("rep@acme.test");
    expect((await new ApiClient(ctx.app, { apiKey: `${created.key}x` }).get("/api/v1/users")).status).toBe(401);
    await expect(createApiKeyCommand(ctx.handle, { email: "ghost@acme.test", name: "x" })).rejects.toThrow(/No user/);
  });

  it("creates a further organization, refusing a name in use", async () => {
    const second = await createOrganizationCommand(ctx.handle, {
      name: "Globex",
      adminEmail: "admin@globex.test",
      adminPassword: PASSWORD,
      locale: "en",
    });
    expect(second.generatedPassword).toBeNull();
    const globex = await ctx.signIn("admin@globex.test", PASSWORD);
    const session = await globex.get<{ organization: { name: string; locale: string; baseCurrency: string } }>(
      "/api/v1/auth/session",
    );
    expect(session.body.organization).toMatchObject({ name: "Globex", locale: "en", baseCurrency: "USD" });
    await expect(
      createOrganizationCommand(ctx.handle, { name: " globex ", adminEmail: "other@globex.test" }),
    ).rejects.toThrow(/exists already/);
  });

  it("needs --org once there are several organizations, by name or id", async () => {
    await expect(createUserCommand(ctx.handle, { email: "x@globex.test", name: "X" })).rejects.toThrow(/several/);
    await expect(createUserCommand(ctx.handle, { email: "x@globex.test", name: "X", org: "Initech" })).rejects.toThrow(
      /No organization "Initech"/,
    );
    const byName = await createUserCommand(ctx.handle, { email: "x@globex.test", name: "X", org: "GLOBEX" });
    expect(byName.organization.name).toBe("Globex");
    const byId = await createUserCommand(ctx.handle, {
      email: "y@globex.test",
      name: "Y",
      org: byName.organization.id,
    });
    expect(byId.organization.name).toBe("Globex");
  });

  it("fills a named organization with demo data once, and wants --org when organizations exist", async () => {
    await expect(demoCommand(ctx.handle, {})).rejects.toThrow(/--org/);
    const filled = await demoCommand(ctx.handle, { org: "Globex" });
    expect(filled).toMatchObject({ adminEmail: "admin@globex.test", generatedPassword: null });
    expect(await count("customers")).toBe(200);
    // The demo staff share the admin's password.
    await ctx.signIn("wang.fang@demo.rapport.local", PASSWORD);
    await expect(demoCommand(ctx.handle, { org: "Globex" })).rejects.toThrow(/demo data already/);
    expect(await count("customers")).toBe(200);
  });
});

describe("demo on an empty install", () => {
  let empty: TestContext;
  beforeAll(async () => {
    empty = await createTestContext();
  });
  afterAll(() => empty.close());

  it("creates 示例公司 Demo Co. with demo@rapport.local and prints its password", async () => {
    const result = await demoCommand(empty.handle, { locale: "en" });
    expect(result.organization).toMatchObject({ name: DEMO_ORGANIZATION_NAME, created: true });
    expect(result.adminEmail).toBe(DEMO_ADMIN_EMAIL);
    const admin = await empty.signIn(DEMO_ADMIN_EMAIL, result.generatedPassword ?? "");
    const departments = await admin.get<{ data: { name: string }[] }>("/api/v1/departments");
    expect(departments.body.data.map((d) => d.name)).toContain("Sales");
    const rep = await empty.signIn("david.miller@demo.rapport.local", result.generatedPassword ?? "");
    const list = await rep.get<{ data: { ownerId: string }[] }>("/api/v1/customers?limit=200");
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(new Set(list.body.data.map((c) => c.ownerId)).size).toBe(1);
  });
});
