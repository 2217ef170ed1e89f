import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
  done: boolean("done"),
  ids: uuid("ids").array(),
});

const empty = { n: 0, tags: null, extra: null, at: null, done: null, ids: null };
/** What a file can hold: quotes, backslashes, commas, braces, a line break, the word NULL. */
const tricky = {
  n: 3,
  label: 'say "hi", {there}\\ C:\\dir\nNULL',
  tags: ["NULL", "", 'a "b"', "c,d", "{e}", "f\\g"],
  extra: { quote: '"\\', nested: { list: [null, true, "x,y"] } },
  at: null,
  done: false,
  ids: ["0190b3a4-0000-7000-8000-000000000001"],
};

describe("insertRows", () => {
  it("writes rows giving different columns, typed as the columns, the rest taking their defaults", async () => {
    const handle = await openTestDatabase();
    try {
      await handle.db.execute(sql`create table insert_rows_things
        (n int not null default 0, label text not null default 'none', tags text[], extra jsonb, at timestamptz,
         done boolean, ids uuid[])`);
      await insertRows(handle.db, things, [
        { n: 1, label: "full", tags: ["a", "b"], extra: { k: [1, 2] }, at: new Date("2026-01-02T03:04:05.000Z") },
        { n: 2 },
        tricky,
        { n: 4, label: "", done: true },
        { label: "only a label", tags: undefined },
        {},
      ]);
      const rows = await queryRows(
        handle.db,
        sql`select n, label, tags, extra, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as at,
              done, ids::text[] as ids
            from insert_rows_things order by n, label`,
      );
      expect(rows).toEqual([
        { ...empty, label: "none" },
        { ...empty, label: "only a label" },
        { ...empty, n: 1, label: "full", tags: ["a", "b"], extra: { k: [1, 2] }, at: "2026-01-02 03:04:05" },
        { ...empty, n: 2, label: "none" },
        tricky,
        { ...empty, n: 4, label: "", done: true },
      ]);
    } finally {
      await handle.drop();
    }
  });
});
