import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";

// What the key functions (migrations 0015, 0007, rewritten for speed in 0024) make of awkward input:
// [input, name key, phone key, email key, domain key, Chinese bigrams]. The expected values are the
// ones the first versions gave, so stored keys and keys of new drafts still meet; since 0028 the phone
// key also drops China's trunk 0 ("021-…" is "+86 21 …"), and stored keys were rewritten to match.
const cases: [string, string | null, string | null, string | null, string | null, string[]][] = [
  ["Acme Co., Ltd.", "acme", null, null, "acme co., ltd.", []],
  ["华为技术有限公司", "华为技术", null, null, null, ["为技", "公司", "华为", "技术", "有限", "术有", "限公"]],
  ["ACME Inc", "acme", null, null, null, []],
  ["acme inc 公司", "acmeinc", null, null, null, ["公司"]],
  ["  公司 ", null, null, null, null, ["公司"]],
  ["Taco", "taco", null, null, null, []],
  ["A  inc  ", "a", null, null, null, []],
  ["x 集团有限公司", "x", null, null, null, ["公司", "团有", "有限", "限公", "集团"]],
  ["股份 有限 公司 co", "股份有限", null, null, null, ["公司", "有限", "股份"]],
  ["公司 inc", null, null, null, null, ["公司"]],
  [" inc", null, null, null, null, []],
  ["inc", "inc", null, null, null, []],
  [
    "华为技术有限公司有限公司",
    "华为技术",
    null,
    null,
    null,
    ["为技", "公司", "华为", "司有", "技术", "有限", "术有", "限公"],
  ],
  [
    "腾讯科技（深圳）有限公司",
    "腾讯科技深圳",
    null,
    null,
    null,
    ["公司", "有限", "深圳", "科技", "腾讯", "讯科", "限公"],
  ],
  ["Ünïcode GmbH & Co. KG", "ünïcodegmbhcokg", null, null, "ünïcode gmbh & co. kg", []],
  ["", null, null, null, null, []],
  ["㐀㐁 𠀀𠀁 豈更", "㐀㐁𠀀𠀁豈更", null, null, null, ["㐀㐁", "豈更"]],
  ["xyz Corporation Limited", "xyz", null, null, null, []],
  ["a co co", "a", null, null, null, []],
  ["客户客户客户", "客户客户客户", null, null, null, ["客户", "户客"]],
  ["+86 138-0013-8000 ext. 12", "8613800138000ext12", "13800138000", null, "+86 138-0013-8000 ext. 12", []],
  ["0086 10 1234 5678", "00861012345678", "1012345678", null, null, []],
  ["(021) 555 x 9", "021555x9", "21555", null, null, []],
  ["021-7480-8977", "02174808977", "2174808977", null, null, []],
  ["0044 20 7946 0000", "00442079460000", "00442079460000", null, null, []],
  ["138 0013 8000转123", "13800138000转123", "13800138000", null, null, []],
  [" +86 13800138000", "8613800138000", "13800138000", null, null, []],
  ["12", "12", null, null, null, []],
  ["https://www.Acme.com/about", "httpswwwacmecomabout", null, null, "acme.com", []],
  ["www.x.cn:80", "wwwxcn80", null, null, "x.cn", []],
  ["ftp://acme.org?x", "ftpacmeorgx", null, null, "acme.org", []],
  [" Info@EXAMPLE.com ", "infoexamplecom", null, "info@example.com", "example.com", []],
  ["x@", "x", null, "x@", null, []],
  ["@x.com", "xcom", null, null, "x.com", []],
  ["someone@qq.com", "someoneqqcom", null, "someone@qq.com", null, []],
  ["gmail.com", "gmailcom", null, null, null, []],
];

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.drop());

describe("normalized keys", () => {
  it("are what the duplicate check and the search have always made of each value", async () => {
    const rows = await queryRows<{
      v: string;
      k: [string | null, string | null, string | null, string | null, string[]];
    }>(
      handle.db,
      sql`select v, json_build_array(rapport_dup_name(v), rapport_dup_phone(v), rapport_dup_email(v),
            rapport_dup_domain(v), rapport_cjk_bigrams(v)) as k
          from json_array_elements_text(${JSON.stringify(cases.map(([v]) => v))}::json) with ordinality as i(v, n)
          order by n`,
    );
    const made = rows.map(({ v, k }) => [v, k[0], k[1], k[2], k[3], [...k[4]].sort()]);
    expect(made).toEqual(cases.map(([v, ...keys]) => [v, ...keys.slice(0, 4), [...(keys[4] as string[])].sort()]));
  });

  it("are null for null", async () => {
    const [row] = await queryRows<Record<string, unknown>>(
      handle.db,
      sql`select rapport_dup_name(null) as n, rapport_dup_phone(null) as p, rapport_dup_email(null) as e,
            rapport_dup_domain(null) as d, rapport_cjk_bigrams(null) as b`,
    );
    expect(row).toEqual({ n: null, p: null, e: null, d: null, b: [] });
  });
});
