import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { generateClientTypes, openApiDocument } from "../../../scripts/gen-api.ts";
import { createTestContext } from "../../test/harness.ts";
import { buildApp } from "../app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openEmbedded, queryRows } from "./db/client.ts";
import { appliedMigrationCount, migrateDatabase, migrationsFolder } from "./db/migrate.ts";

describe("configuration", () => {
  it("uses defaults and names each bad value", () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, host: "localhost", databaseUrl: undefined });
    const bad = () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", RAPPORT_ADMIN_EMAIL: "root" });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT/);
    expect(bad).toThrow(/DATABASE_URL/);
    expect(bad).toThrow(/RAPPORT_ADMIN_EMAIL/);
    expect(() => loadConfig({ RAPPORT_ADMIN_EMAIL: "a@b.co" })).toThrow(/set together/);
    // Several server processes share one database only on PostgreSQL.
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ RAPPORT_WORKERS: "4", DATABASE_URL: "postgres://db/rapport" }).workers).toBe(4);
    expect(() => loadConfig({ RAPPORT_WORKERS: "2" })).toThrow(/RAPPORT_WORKERS: more than one needs DATABASE_URL/);
    expect(() => loadConfig({ RAPPORT_WORKERS: "none", DATABASE_URL: "postgres://db/rapport" })).toThrow(
      /RAPPORT_WORKERS/,
    );
  });
});

describe("migrations", () => {
  it("build the whole schema on an empty database, and are safe to run again", async () => {
    const handle = await openEmbedded("memory://");
    await migrateDatabase(handle);
    await migrateDatabase(handle);
    const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql"));
    expect(await appliedMigrationCount(handle)).toBe(files.length);
    const tables = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["organizations", "users", "departments", "roles", "customers", "audit_log", "sessions"]),
    );
    await handle.close();
  }, 60_000);
});

describe("embedded database", () => {
  it("refuses a second opening of the same data directory while the first is open", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-lock-"));
    const first = await openEmbedded(path.join(dir, "db"));
    // Another live process holds it: pretend with our parent's pid.
    fs.writeFileSync(path.join(dir, "db.lock"), String(process.ppid));
    await expect(openEmbedded(path.join(dir, "db"))).rejects.toThrow(/in use by another Rapport process/);
    fs.writeFileSync(path.join(dir, "db.lock"), String(process.pid));
    await first.close();
    expect(fs.existsSync(path.join(dir, "db.lock"))).toBe(false);
    // A lock left by a process that died is taken over.
    fs.writeFileSync(path.join(dir, "db.lock"), "999999999");
    const again = await openEmbedded(path.join(dir, "db"));
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe("health and API documents", () => {
  it("answers /healthz 200, and 503 once the database is gone", async () => {
    const ctx = await createTestContext();
    expect((await ctx.anonymous.get("/healthz")).status).toBe(200);
    const handle = await openEmbedded("memory://");
    const app = await buildApp({ db: handle.db });
    await handle.close();
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    await app.close();
    await ctx.close();
  });

  it("serves OpenAPI 3.1 and a reference UI; the web client's types are generated from the current document", async () => {
    const ctx = await createTestContext();
    const doc = await ctx.anonymous.get<{ openapi: string; paths: Record<string, unknown> }>("/api/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/customers", "/api/v1/customers/{id}"]),
    );
    const ui = await ctx.app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    await ctx.close();

    const committed = fs.readFileSync(
      path.resolve(import.meta.dirname, "../../../web/src/lib/api/schema.d.ts"),
      "utf8",
    );
    expect(committed, "run `npm run gen:api` after changing a route").toBe(
      await generateClientTypes(await openApiDocument()),
    );
  });

  it("answers unknown routes and unauthenticated calls with the error shape", async () => {
    const ctx = await createTestContext();
    const unknown = await ctx.anonymous.get<{ error: { code: string } }>("/api/v1/nothing-here");
    expect([401, 404]).toContain(unknown.status);
    const anon = await ctx.anonymous.get<{ error: { code: string } }>("/api/v1/customers");
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe("unauthorized");
    await ctx.close();
  });
});
