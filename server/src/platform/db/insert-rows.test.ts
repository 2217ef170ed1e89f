import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { queryRows } from "./client.ts";
import { insertRows } from "./insert-rows.ts";

const things = pgTable("insert_rows_things", {
  n: integer("n").notNull().default(0),
  label: text("label").notNull().default("none"),
  tags: text("tags").array(),
  extra: jsonb("extra"),
  at: timestamp("at", { withTimezone: true, mode: "date" }),
});

describe("insertRows", () => {
  it("writes rows giving different columns, typed as the columns, the rest taking their defaults", async () => {
    const handle = await openTestDatabase();
    try {
      await handle.db.execute(sql`create table insert_rows_things
        (n int not null default 0, label text not null default 'none', tags text[], extra jsonb, at timestamptz)`);
      await insertRows(handle.db, things, [
        { n: 1, label: "full", tags: ["a", "b"], extra: { k: [1, 2] }, at: new Date("2026-01-02T03:04:05.000Z") },
        { n: 2 },
        { label: "only a label", tags: undefined },
        {},
      ]);
      const rows = await queryRows(
        handle.db,
        sql`select n, label, tags, extra, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as at
            from insert_rows_things order by n, label`,
      );
      expect(rows).toEqual([
        { n: 0, label: "none", tags: null, extra: null, at: null },
        { n: 0, label: "only a label", tags: null, extra: null, at: null },
        { n: 1, label: "full", tags: ["a", "b"], extra: { k: [1, 2] }, at: "2026-01-02 03:04:05" },
        { n: 2, label: "none", tags: null, extra: null, at: null },
      ]);
    } finally {
      await handle.drop();
    }
  });
});
