import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import type { SearchResult } from "./schema.ts";

let ctx: TestContext;
let admin: ApiClient;
let rep: ApiClient;
let globexId: string;

const search = (client: ApiClient, q: string) => client.get<SearchResult>(`/api/v1/search?q=${encodeURIComponent(q)}`);
const names = (hits: { name: string }[]) => hits.map((h) => h.name);

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  const add = async (body: Record<string, unknown>) => {
    const res = await admin.post<{ id: string }>("/api/v1/customers", body);
    expect(res.status).toBe(201);
    return res.body.id;
  };
  globexId = await add({ name: "Globex Corporation", phone: "+86 138-0013-8000", email: "sales@globex.example" });
  await add({ name: "Globe Trotters Travel" });
  await add({ name: "深圳华信科技有限公司", phone: "0755-8888 1234" });
  await add({ name: "Initech", email: "hello@initech.example" });
  for (const contact of [
    { name: "Hank Scorpio", customerId: globexId, emails: [{ label: "work", address: "hank@globex.example" }] },
    { name: "王小明", phones: [{ label: "mobile", number: "139 0000 1111" }] },
  ]) {
    expect((await admin.post("/api/v1/contacts", contact)).status).toBe(201);
  }
  const role = await admin.post<{ id: string }>("/api/v1/roles", {
    name: "Own customers only",
    permissions: { customers: { actions: ["view"], scope: "own" } },
  });
  const repUser = await admin.post<{ id: string }>("/api/v1/users", {
    name: "Rep",
    email: "rep@acme.test",
    password: PASSWORD,
    roleIds: [role.body.id],
  });
  await add({ name: "Globex Rep Branch", ownerId: repUser.body.id });
  rep = await ctx.signIn("rep@acme.test", PASSWORD);
});
afterAll(() => ctx.close());

describe("global search", () => {
  it("finds customers by name, best match first, and contacts by their company", async () => {
    const res = await search(admin, "globex");
    expect(res.status).toBe(200);
    expect(names(res.body.customers).slice(0, 2)).toEqual(["Globex Corporation", "Globex Rep Branch"]);
    expect(res.body.contacts).toEqual([
      expect.objectContaining({ kind: "contact", name: "Hank Scorpio", company: "Globex Corporation" }),
    ]);
  });

  it("tolerates typos", async () => {
    const res = await search(admin, "globx corporaton");
    expect(names(res.body.customers)).toContain("Globex Corporation");
    expect(names(res.body.customers)).not.toContain("Initech");
    expect(names((await search(admin, "initeck")).body.customers)).toEqual(["Initech"]);
  });

  it("finds by phone digits however they were written, and by email", async () => {
    expect(names((await search(admin, "13800138000")).body.customers)).toEqual(["Globex Corporation"]);
    expect(names((await search(admin, "0755 88881234")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    expect(names((await search(admin, "139-0000-1111")).body.contacts)).toEqual(["王小明"]);
    // China's trunk 0 and its +86 are two ways of writing one number.
    expect(names((await search(admin, "+86 755 8888 1234")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    expect(names((await search(admin, "+86 139 0000 1111")).body.contacts)).toEqual(["王小明"]);
    expect(names((await search(admin, "0086 13800138000")).body.customers)).toEqual(["Globex Corporation"]);
    // A mobile with its country code and no "+", and a number dialled abroad from China with 00.
    expect(names((await search(admin, "8613800138000")).body.customers)).toEqual(["Globex Corporation"]);
    expect(names((await search(admin, "00 86 755 8888 1234")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    const pacific = await admin.post<{ id: string }>("/api/v1/customers", {
      name: "Pacific Co",
      phone: "+1 415 555 0151",
    });
    expect(names((await search(admin, "001 415 555 0151")).body.customers)).toEqual(["Pacific Co"]);
    expect((await admin.delete(`/api/v1/customers/${pacific.body.id}`)).status).toBe(204);
    expect(names((await search(admin, "hello@initech")).body.customers)).toEqual(["Initech"]);
    expect(names((await search(admin, "hank@globex.example")).body.contacts)).toEqual(["Hank Scorpio"]);
  });

  it("finds two-character Chinese words, also apart from each other", async () => {
    expect(names((await search(admin, "华信")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    // Each word somewhere in the name, in any order; typed together, by sound, they cover it too.
    expect(names((await search(admin, "华信 有限")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    expect(names((await search(admin, "深圳 华信")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    expect(names((await search(admin, "华信有限")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    expect((await search(admin, "华信 物流")).body.customers).toEqual([]);
    expect(names((await search(admin, "小明")).body.contacts)).toEqual(["王小明"]);
  });

  it("finds Chinese names that sound like the query, and names typed in pinyin, after exact matches", async () => {
    for (const name of ["张伟", "章伟明", "李娜"])
      expect((await admin.post("/api/v1/contacts", { name })).status).toBe(201);
    // The input method offered 章 for 张: both come, the one spelt as typed first.
    expect(names((await search(admin, "章伟")).body.contacts)).toEqual(["章伟明", "张伟"]);
    expect(names((await search(admin, "王晓明")).body.contacts)).toEqual(["王小明"]);
    expect(names((await search(admin, "李那")).body.contacts)).toEqual(["李娜"]);
    for (const typed of ["zhangwei", "Zhang Wei"])
      expect(names((await search(admin, typed)).body.contacts).sort()).toEqual(["张伟", "章伟明"]);
    expect(names((await search(admin, "lina")).body.contacts)).toEqual(["李娜"]);
    expect(names((await search(admin, "xiaoming")).body.contacts)).toEqual(["王小明"]);
    // Another sound is no match, nor a word that is no pinyin.
    expect((await search(admin, "张三")).body.contacts).toEqual([]);
    expect((await search(admin, "zhangsan")).body.contacts).toEqual([]);
    expect((await search(admin, "initeck")).body.contacts).toEqual([]);
    // A longer name by sound: every pair of the query must sound like one of the name's.
    expect(names((await search(admin, "申圳华信科级")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    expect(names((await search(admin, "huaxin keji")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    // In pinyin, a rarer character is meant as much as an everyday one: 圳, and 琦 in a given name.
    expect(names((await search(admin, "shenzhen huaxin")).body.customers)).toEqual(["深圳华信科技有限公司"]);
    for (const name of ["王琦", "易诗"]) expect((await admin.post("/api/v1/contacts", { name })).status).toBe(201);
    expect(names((await search(admin, "wangqi")).body.contacts)).toEqual(["王琦"]);
    // A pair of syllables with too many rarer readings (yi shi) is still narrowed by the everyday ones.
    expect(names((await search(admin, "yishi")).body.contacts)).toEqual(["易诗"]);
    expect((await search(admin, "申圳华星科级")).body.customers).toEqual([]);
  });

  it("shows only what the caller may see, and nothing of modules they may not view", async () => {
    const res = await search(rep, "globex");
    expect(res.status).toBe(200);
    expect(names(res.body.customers)).toEqual(["Globex Rep Branch"]);
    expect(res.body.contacts).toEqual([]);
    const other = await addOrganization(ctx, "Other Org", "admin@other.test");
    expect(await search(other.admin, "globex")).toMatchObject({ status: 200, body: { customers: [], contacts: [] } });
  });

  it("rejects an empty query or a bad limit, naming the field", async () => {
    const empty = await admin.get<{ error: { details: { path: string }[] } }>("/api/v1/search?q=%20");
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain("q");
    const limit = await admin.get("/api/v1/search?q=globex&limit=500");
    expect(limit.status).toBe(400);
    expect(JSON.stringify(limit.body)).toContain("limit");
  });
});
