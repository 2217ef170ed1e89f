import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { queryRows } from "./client.ts";
import { genericPlanRows } from "./generic-plans.ts";

describe("generic plans and connection settings", () => {
  it("run hot reads as prepared statements with one plan on PostgreSQL, and leave every other query alone", async () => {
    const handle = await openTestDatabase();
    try {
      const onPostgres = handle.kind === "postgres";
      const mode = sql`select current_setting('plan_cache_mode') as mode`;
      // Ordinary queries keep being planned with their values.
      expect(await queryRows(handle.db, mode)).toEqual([{ mode: "auto" }]);
      expect(await genericPlanRows(handle.db, mode)).toEqual([{ mode: onPostgres ? "force_generic_plan" : "auto" }]);

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
});
