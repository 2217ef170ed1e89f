import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { openPostgres, poolConnection, queryRows } from "./client.ts";
import { genericPlanRows } from "./generic-plans.ts";

describe("generic plans and connection settings", () => {
  it("run hot reads with a plan made without their values (prepared once on PostgreSQL), and leave every other query alone", async () => {
    const handle = await openTestDatabase();
    try {
      const onPostgres = handle.kind === "postgres";
      const mode = sql`select current_setting('plan_cache_mode') as mode`;
      // Ordinary queries keep being planned with their values, before and after.
      expect(await queryRows(handle.db, mode)).toEqual([{ mode: "auto" }]);
      expect(await genericPlanRows(handle.db, mode)).toEqual([{ mode: "force_generic_plan" }]);
      expect(await queryRows(handle.db, mode)).toEqual([{ mode: "auto" }]);

      // Each value binds to the same statement, which the connection prepared once and planned generically.
      const next = (n: number) =>
        sql`select ${n}::int + 1 as next, (select count(*)::int from pg_prepared_statements
          where generic_plans > 0 and custom_plans = 0 and statement like '%as next%') as prepared`;
      const first = await genericPlanRows<{ next: number; prepared: number }>(handle.db, next(1));
      const second = await genericPlanRows<{ next: number; prepared: number }>(handle.db, next(41));
      expect(first[0]?.next).toBe(2);
      expect(second[0]?.next).toBe(42);
      expect(second[0]?.prepared).toBe(onPostgres ? 1 : 0);

      // Inside a transaction it runs there, seeing the transaction's own writes.
      const seen = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table scratch (n int) on commit drop`);
        await tx.execute(sql`insert into scratch values (7)`);
        return genericPlanRows<{ n: number }>(tx, sql`select n from scratch where n = ${7}`);
      });
      expect(seen).toEqual([{ n: 7 }]);
    } finally {
      await handle.drop();
    }
  });

  it("leave JIT off on both pools of PostgreSQL (decision 0016; PGlite is built without it)", async () => {
    const handle = await openTestDatabase();
    try {
      const jit = sql`select current_setting('jit') as jit`;
      const expected = handle.kind === "postgres" ? "off" : "on";
      expect(await queryRows(handle.db, jit)).toEqual([{ jit: expected }]);
      expect(await genericPlanRows(handle.db, jit)).toEqual([{ jit: expected }]);
    } finally {
      await handle.drop();
    }
  });

  it("keep the settings a DATABASE_URL's own options give, beside Rapport's", async () => {
    const url = "postgres://rapport:s%40fe@db.example.com:5432/crm?options=-c%20search_path%3Dcrm&sslmode=require";
    expect(poolConnection(url, "-c jit=off")).toEqual({
      connectionString: "postgres://rapport:s%40fe@db.example.com:5432/crm?sslmode=require",
      options: "-c jit=off -c search_path=crm",
    });
    expect(poolConnection("postgres://localhost/crm", "-c jit=off")).toEqual({
      connectionString: "postgres://localhost/crm",
      options: "-c jit=off",
    });
    // On a real server, both pools run with the URL's setting and without JIT.
    const server = process.env.TEST_DATABASE_URL;
    if (!server) return;
    const withOptions = new URL(server);
    withOptions.searchParams.set("options", "-c statement_timeout=4321");
    const handle = await openPostgres(withOptions.toString(), 1);
    try {
      const settings = sql`select current_setting('statement_timeout') as timeout, current_setting('jit') as jit`;
      const expected = [{ timeout: "4321ms", jit: "off" }];
      expect(await queryRows(handle.db, settings)).toEqual(expected);
      expect(await genericPlanRows(handle.db, settings)).toEqual(expected);
    } finally {
      await handle.close();
    }
  });
});
