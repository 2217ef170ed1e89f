import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { arrayLiteral } from "./array-literal.ts";
import { queryRows } from "./client.ts";

describe("arrayLiteral", () => {
  it("reads back as the same texts, numbers and nulls, whatever characters the texts hold", async () => {
    const handle = await openTestDatabase();
    try {
      const texts = [
        'say "hi"',
        "C:\\dir\\",
        "a,b",
        "{c}",
        "NULL",
        "",
        " padded ",
        "tab\there",
        "line\nbreak",
        "\u0001",
        "合同 🚀",
        null,
      ];
      const plain = ["a", 'quote "q"', "back\\slash", null];
      for (const values of [texts, plain]) {
        const rows = await queryRows<{ value: string | null }>(
          handle.db,
          sql`select unnest(${arrayLiteral(values)}::text[]) as value`,
        );
        expect(rows.map((r) => r.value)).toEqual(values);
      }
      const numbers = await queryRows<{ n: number | null }>(
        handle.db,
        sql`select unnest(${arrayLiteral([3, -1, null, 0])}::int[]) as n`,
      );
      expect(numbers.map((r) => r.n)).toEqual([3, -1, null, 0]);
    } finally {
      await handle.drop();
    }
  });
});
