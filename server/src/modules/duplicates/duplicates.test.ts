import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { findDuplicates } from "./matcher.ts";

type Match = {
  visible: boolean;
  id: string | null;
  name: string | null;
  ownerName: string | null;
  matchedOn: string[];
};
type Rule = { id: string; version: number; objectType: string; field: string; match: string; active: boolean };
type Group = {
  matches: { field: string; key: string }[];
  count: number;
  records: { id: string; name: string }[];
  recordIds: string[];
};
type Page = { data: Group[]; nextCursor: string | null };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
let rep: ApiClient;
let repId: string;
const ids: Record<string, string> = {};

const check = (client: ApiClient, record: Record<string, unknown>, objectType = "customer", excludeId?: string) =>
  client.post<{ matches: Match[] }>("/api/v1/duplicates/check", { objectType, record, excludeId });
const matchedIds = async (record: Record<string, unknown>, objectType = "customer") =>
  (await check(admin, record, objectType)).body.matches.map((m) => m.id).sort();

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId } = await setUpOrganization(ctx));
  const role = await admin.post<{ id: string }>("/api/v1/roles", {
    name: "Rep",
    permissions: {
      customers: { actions: ["view", "create", "edit"], scope: "own" },
      contacts: { actions: ["view", "create", "edit"], scope: "own" },
    },
  });
  const user = await admin.post<{ id: string }>("/api/v1/users", {
    name: "Rita Rep",
    email: "rep@acme.test",
    password: PASSWORD,
    roleIds: [role.body.id],
  });
  repId = user.body.id;
  rep = await ctx.signIn("rep@acme.test", PASSWORD);
  const add = async (key: string, body: Record<string, unknown>, path = "/api/v1/customers") => {
    const res = await admin.post<{ id: string }>(path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  };
  await add("huawei", { name: "华为技术有限公司", phone: "+86 138-0013-8000", email: "Sales@Huawei.com" });
  await add("acme", { name: "Acme Co., Ltd.", website: "https://www.acme.com/about" });
  await add("globex", { name: "Globex", email: "ceo@gmail.com", ownerId: repId });
  await add("zhang", { name: "张伟", phones: [{ label: "mobile", number: "139 1234 5678" }] }, "/api/v1/contacts");
  await add("li", { name: "李娜", emails: [{ label: "work", address: "Li.Na@example.cn" }] }, "/api/v1/contacts");
});
afterAll(() => ctx.close());

describe("duplicate rules", () => {
  it("every organization starts with default rules per object", async () => {
    const res = await admin.get<{ data: Rule[] }>("/api/v1/duplicate-rules?objectType=customer");
    expect(res.body.data.map((r) => [r.field, r.match, r.active])).toEqual([
      ["name", "fuzzy", true],
      ["phone", "exact", true],
      ["email", "exact", true],
      ["domain", "exact", true],
    ]);
    const other = await addOrganization(ctx, "Other", "admin@other.test");
    const theirs = await other.admin.get<{ data: Rule[] }>("/api/v1/duplicate-rules");
    expect(theirs.body.data).toHaveLength(7);
    expect(theirs.body.data.find((r) => r.objectType === "contact" && r.field === "name")?.active).toBe(false);
  });

  it("admins switch rules; fuzzy is for names; stale versions and non-admins are refused", async () => {
    const rules = (await admin.get<{ data: Rule[] }>("/api/v1/duplicate-rules?objectType=customer")).body.data;
    const phone = rules.find((r) => r.field === "phone");
    if (!phone) throw new Error("no phone rule");
    expect((await rep.patch(`/api/v1/duplicate-rules/${phone.id}`, { version: 1, active: false })).status).toBe(403);
    const fuzzy = await admin.patch<{ error: { details: { path: string }[] } }>(`/api/v1/duplicate-rules/${phone.id}`, {
      version: 1,
      match: "fuzzy",
    });
    expect(fuzzy.status).toBe(400);
    expect(fuzzy.body.error.details[0]?.path).toBe("match");
    const off = await admin.patch<Rule>(`/api/v1/duplicate-rules/${phone.id}`, { version: 1, active: false });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect(await matchedIds({ name: "Someone", phone: "13800138000" })).toEqual([]);
    expect((await admin.patch(`/api/v1/duplicate-rules/${phone.id}`, { version: 1, active: true })).status).toBe(409);
    await admin.patch(`/api/v1/duplicate-rules/${phone.id}`, { version: 2, active: true });
    const history = await admin.get<{ data: unknown[] }>(`/api/v1/duplicate-rules?objectType=customer`);
    expect(history.status).toBe(200);
  });
});

describe("checking a draft", () => {
  it("compares phones by digits, without +86/0086, spaces or dashes", async () => {
    expect(await matchedIds({ name: "Someone", phone: "13800138000" })).toEqual([ids.huawei]);
    expect(await matchedIds({ name: "Someone", phone: "0086 138 0013 8000" })).toEqual([ids.huawei]);
    expect(await matchedIds({ name: "Someone", phone: "13800138001" })).toEqual([]);
  });

  it("takes a Chinese number with its trunk 0 for the same number with +86", async () => {
    const shanghai = await admin.post<{ id: string }>("/api/v1/customers", { name: "申通", phone: "+86 21 7480 8977" });
    const hangzhou = await admin.post<{ id: string }>("/api/v1/customers", { name: "杭钢", phone: "0571-8888-0001" });
    expect(await matchedIds({ name: "Someone", phone: "021-7480-8977" })).toEqual([shanghai.body.id]);
    expect(await matchedIds({ name: "Someone", phone: "+86 571 8888 0001" })).toEqual([hangzhou.body.id]);
    for (const { body } of [shanghai, hangzhou])
      expect((await admin.delete(`/api/v1/customers/${body.id}`)).status).toBe(204);
  });

  it("matches no domain of a private person, theirs or a draft's", async () => {
    const person = await admin.post<{ id: string }>("/api/v1/customers", {
      name: "王小明",
      kind: "person",
      email: "wxm@sunrise-tech.cn",
    });
    expect(await matchedIds({ name: "Sunrise Tech", website: "https://sunrise-tech.cn" })).toEqual([]);
    expect(await matchedIds({ name: "李四", kind: "person", email: "buyer@acme.com" })).toEqual([]);
    expect(await matchedIds({ name: "Acme buyer", kind: "company", email: "buyer@acme.com" })).toEqual([ids.acme]);
    expect((await admin.delete(`/api/v1/customers/${person.body.id}`)).status).toBe(204);
  });

  it("compares emails without case and domains without scheme or www.; free mail is no domain", async () => {
    const byEmail = await check(admin, { name: "X", email: "sales@HUAWEI.com" });
    expect(byEmail.body.matches).toEqual([
      { visible: true, id: ids.huawei, name: "华为技术有限公司", ownerName: "Admin", matchedOn: ["email", "domain"] },
    ]);
    expect(await matchedIds({ name: "Y", website: "acme.com" })).toEqual([ids.acme]);
    expect(await matchedIds({ name: "Y", email: "buyer@acme.com" })).toEqual([ids.acme]);
    expect(await matchedIds({ name: "Y", email: "someone@gmail.com" })).toEqual([]);
  });

  it("finds names alike without legal suffixes, punctuation or case, and similar ones", async () => {
    expect(await matchedIds({ name: "ACME Inc" })).toEqual([ids.acme]);
    expect(await matchedIds({ name: "华为技术股份有限公司" })).toEqual([ids.huawei]);
    expect(await matchedIds({ name: "华为技术(深圳)" })).toEqual([ids.huawei]);
    expect(await matchedIds({ name: "华为终端" })).toEqual([]);
    expect(await matchedIds({ name: "Acme" }, "contact")).toEqual([]);
  });

  it("matches a Chinese company name held in another, with its city before or its trade after", async () => {
    const bytedance = await admin.post<{ id: string }>("/api/v1/customers", { name: "北京字节跳动科技有限公司" });
    // The draft held by a record's name, and a record's name held by the draft.
    expect(await matchedIds({ name: "字节跳动" })).toEqual([bytedance.body.id]);
    expect(await matchedIds({ name: "深圳华为技术有限公司" })).toEqual([ids.huawei]);
    // Too short to tell, or less than half of the longer name: no match.
    expect(await matchedIds({ name: "字节" })).toEqual([]);
    expect(await matchedIds({ name: "字节跳动上海分公司信息技术服务" })).toEqual([]);
    expect(await matchedIds({ name: "北京银行" })).toEqual([]);
    // In the trash, it is no match.
    expect((await admin.delete(`/api/v1/customers/${bytedance.body.id}`)).status).toBe(204);
    expect(await matchedIds({ name: "字节跳动" })).toEqual([]);
  });

  it("leaves out the record being edited", async () => {
    const own = await check(admin, { name: "Acme Co., Ltd." }, "customer", ids.acme);
    expect(own.body.matches).toEqual([]);
  });

  it("matches a contact's phones and emails in their lists", async () => {
    expect(await matchedIds({ name: "Z", phones: [{ number: "+86 13912345678" }] }, "contact")).toEqual([ids.zhang]);
    expect(await matchedIds({ name: "Z", emails: [{ address: "li.na@EXAMPLE.cn" }] }, "contact")).toEqual([ids.li]);
    expect(await matchedIds({ name: "张伟" }, "contact")).toEqual([]);
  });

  it("tells about a match outside the caller's scope only its owner", async () => {
    const res = await check(rep, { name: "Acme Holdings", phone: "138 0013 8000", email: "ceo@gmail.com" });
    expect(res.status).toBe(200);
    expect(res.body.matches).toEqual([
      { visible: false, id: null, name: null, ownerName: "Admin", matchedOn: ["phone"] },
      { visible: true, id: ids.globex, name: "Globex", ownerName: "Rita Rep", matchedOn: ["email"] },
    ]);
  });

  it("never matches another organization's records", async () => {
    const other = await addOrganization(ctx, "Rival", "admin@rival.test");
    const res = await check(other.admin, { name: "华为技术有限公司", phone: "13800138000" });
    expect(res.body.matches).toEqual([]);
  });

  it("refuses an unknown object type, naming the field", async () => {
    const res = await admin.post<{ error: { details: { path: string }[] } }>("/api/v1/duplicates/check", {
      objectType: "planet",
      record: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("objectType");
  });

  it("refuses a draft whose values are not what a form sends, naming them; other keys ride along", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 5 }, "record.name"],
      [{ name: "x".repeat(501) }, "record.name"],
      [{ name: "X", email: { a: 1 } }, "record.email"],
      [{ name: "X", phones: [{ number: ["x"] }] }, "record.phones.0.number"],
    ];
    for (const [record, path] of cases) {
      const res = await check(admin, record);
      expect(res.status, path).toBe(400);
      expect((res.body as unknown as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(path);
    }
    expect((await check(admin, { name: "Acme Co., Ltd.", industry: "tech", custom: { x: 1 } })).status).toBe(200);
  });
});

describe("batch matcher for imports", () => {
  it("answers, per draft index, the matching ids in a few queries", async () => {
    const drafts = [
      { name: "Nobody" },
      { name: "acme limited" },
      { name: "New", phone: "+86 13800138000" },
      { name: "New", website: "http://acme.com" },
      ...Array.from({ length: 2000 }, (_, i) => ({ name: `Row ${i}`, phone: `021-5555${String(i).padStart(4, "0")}` })),
    ];
    const started = Date.now();
    const result = await findDuplicates(ctx.handle.db, organizationId, "customer", drafts);
    expect(Date.now() - started).toBeLessThan(5000);
    expect([...result.entries()].sort(([a], [b]) => a - b)).toEqual([
      [1, [ids.acme]],
      [2, [ids.huawei]],
      [3, [ids.acme]],
    ]);
    const contacts = await findDuplicates(ctx.handle.db, organizationId, "contact", [
      { name: "x", phone: "13912345678" },
      { name: "y", email: "LI.NA@example.cn" },
    ]);
    expect(contacts).toEqual(
      new Map([
        [0, [ids.zhang]],
        [1, [ids.li]],
      ]),
    );
  });
});

describe("duplicate finder", () => {
  it("lists groups of records sharing a key, paged, for those allowed", async () => {
    await admin.post("/api/v1/customers", { name: "ACME Inc.", phone: "13800138000" });
    const first = await admin.get<Page>("/api/v1/duplicates/groups?objectType=customer&limit=1");
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    // Acme Co. and ACME Inc. by name; Huawei and ACME Inc. by phone: two sets of records, two groups.
    expect(first.body.data[0]).toMatchObject({ matches: [{ field: "name", key: "acme" }], count: 2 });
    const second = await admin.get<Page>(
      `/api/v1/duplicates/groups?objectType=customer&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data[0]).toMatchObject({ matches: [{ field: "phone", key: "13800138000" }], count: 2 });
    expect(second.body.nextCursor).toBeNull();
    await admin.post("/api/v1/contacts", { name: "Wei Zhang", phones: [{ label: "work", number: "+8613912345678" }] });
    const contacts = await admin.get<Page>("/api/v1/duplicates/groups?objectType=contact");
    expect(contacts.body.data).toMatchObject([{ matches: [{ field: "phone", key: "13912345678" }], count: 2 }]);
    expect((await rep.get("/api/v1/duplicates/groups?objectType=customer")).status).toBe(403);
    expect((await admin.get("/api/v1/duplicates/groups?objectType=customer&cursor=nope")).status).toBe(400);
  });

  describe("one group per set of records", () => {
    let other: ApiClient;
    const names: Record<string, string> = {};
    const add = async (name: string, body: Record<string, unknown> = {}) => {
      const res = await other.post<{ id: string }>("/api/v1/customers", { name, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      names[res.body.id] = name;
      return res.body.id;
    };
    /** Each group as a user reads it: its matches, then its records' names. */
    const shown = (groups: Group[]) =>
      groups.map((g) => [g.matches.map((m) => `${m.field}:${m.key}`), g.records.map((r) => names[r.id])]);
    const all = async () => (await other.get<Page>("/api/v1/duplicates/groups?objectType=customer&limit=100")).body;

    beforeAll(async () => {
      ({ admin: other } = await addOrganization(ctx, "Finder Co", "admin@finder.test"));
    });

    it("makes one group of a pair sharing a name and a phone, with both matches", async () => {
      await add("Sunrise Trading", { phone: "021-6888 1000" });
      await add("Sunrise Trading Ltd.", { phone: "+86 21 6888 1000" });
      const page = await all();
      expect(shown(page.data)).toEqual([
        [
          ["name:sunrisetrading", "phone:2168881000"],
          ["Sunrise Trading", "Sunrise Trading Ltd."],
        ],
      ]);
      expect(page.data[0]?.count).toBe(2);
      expect(page.nextCursor).toBeNull();
    });

    it("keeps a triple by name and a pair by phone inside it as two groups", async () => {
      await add("Sunrise Trading Co.", { phone: "0755-1234 5678" });
      const page = await all();
      expect(shown(page.data)).toEqual([
        [["name:sunrisetrading"], ["Sunrise Trading", "Sunrise Trading Ltd.", "Sunrise Trading Co."]],
        [["phone:2168881000"], ["Sunrise Trading", "Sunrise Trading Ltd."]],
      ]);
      expect(page.data.map((g) => g.count)).toEqual([3, 2]);
    });

    it("walks every group once, in order of their first match, a page at a time", async () => {
      // Pairs sharing an email and a web domain, a pair by domain only, a pair sharing two phones.
      await add("Alpha One", { email: "sales@alpha.cn" });
      await add("Alpha Two", { email: "sales@alpha.cn" });
      await add("Beta One", { website: "beta.cn" });
      await add("Beta Two", { email: "hi@beta.cn" });
      const zhou = await other.post<{ id: string }>("/api/v1/contacts", {
        name: "周杰",
        phones: [
          { label: "mobile", number: "139 0000 1111" },
          { label: "work", number: "010-8888 2222" },
        ],
      });
      expect(zhou.status).toBe(201);
      await other.post("/api/v1/contacts", {
        name: "Zhou Jie",
        phones: [
          { label: "mobile", number: "+86 13900001111" },
          { label: "work", number: "+86 10 8888 2222" },
        ],
      });
      const everything = shown((await all()).data);
      expect(everything).toEqual([
        [
          ["domain:alpha.cn", "email:sales@alpha.cn"],
          ["Alpha One", "Alpha Two"],
        ],
        [["domain:beta.cn"], ["Beta One", "Beta Two"]],
        [["name:sunrisetrading"], ["Sunrise Trading", "Sunrise Trading Ltd.", "Sunrise Trading Co."]],
        [["phone:2168881000"], ["Sunrise Trading", "Sunrise Trading Ltd."]],
      ]);
      const walked: unknown[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: Page } = await other.get<Page>(
          `/api/v1/duplicates/groups?objectType=customer&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.data).toHaveLength(1);
        walked.push(...shown(res.body.data));
        cursor = res.body.nextCursor;
      } while (cursor && walked.length < 10);
      expect(walked).toEqual(everything);
      // Two pages of a limit of 3, then 1: the same groups once each.
      const firstPage = (await other.get<Page>("/api/v1/duplicates/groups?objectType=customer&limit=3")).body;
      const next = await other.get<Page>(
        `/api/v1/duplicates/groups?objectType=customer&limit=3&cursor=${firstPage.nextCursor}`,
      );
      expect([...shown(firstPage.data), ...shown(next.body.data)]).toEqual(everything);
      expect(next.body.nextCursor).toBeNull();

      // A contact pair sharing two phones: one group listing both.
      const contacts = (await other.get<Page>("/api/v1/duplicates/groups?objectType=contact")).body.data;
      expect(contacts.map((g) => [g.matches.map((m) => m.key), g.recordIds.length])).toEqual([
        [["1088882222", "13900001111"], 2],
      ]);
    });
  });
});
