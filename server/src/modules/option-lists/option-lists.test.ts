import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  addUserWithRole,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { auditLog } from "../../platform/db/platform.table.ts";

type Value = { id: string; version: number; key: string; labelZh: string; labelEn: string; archived: boolean };
type OptionList = { key: string; values: Value[] };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };
type Customer = { id: string; version: number; industry: string | null; lifecycleStage: string; tags: string[] };

let ctx: TestContext;
let admin: ApiClient;
let rep: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  rep = await addUserWithRole(ctx, admin, "rep@acme.test", "Sales rep");
  manager = await addUserWithRole(ctx, admin, "manager@acme.test", "Sales manager");
});
afterAll(() => ctx.close());

const list = async (client: ApiClient, key: string) =>
  (await client.get<OptionList>(`/api/v1/option-lists/${key}`)).body.values;
const findValue = async (listKey: string, key: string) => {
  const value = (await list(admin, listKey)).find((v) => v.key === key);
  if (!value) throw new Error(`${listKey} has no ${key}`);
  return value;
};

describe("option lists", () => {
  it("start with today's values, labelled in both languages, readable by every signed-in user", async () => {
    const all = await rep.get<{ data: OptionList[] }>("/api/v1/option-lists");
    expect(all.status).toBe(200);
    expect(all.body.data.map((l) => l.key)).toEqual(
      expect.arrayContaining([
        "customer.industry",
        "customer.size",
        "customer.level",
        "customer.source",
        "customer.tags",
      ]),
    );
    const stages = await list(rep, "customer.lifecycleStage");
    expect(stages.map((v) => [v.key, v.labelZh, v.labelEn])).toEqual([
      ["lead", "线索", "Lead"],
      ["prospect", "潜在客户", "Prospect"],
      ["customer", "成交客户", "Customer"],
      ["churned", "流失客户", "Churned"],
    ]);
    expect((await list(rep, "customer.industry")).length).toBe(13);
    expect((await rep.get("/api/v1/option-lists/customer.nothing")).status).toBe(404);
    expect((await ctx.anonymous.get("/api/v1/option-lists")).status).toBe(401);
  });

  it("lets an administrator add, rename, reorder and archive values, each in the audit log", async () => {
    const added = await admin.post<Value>("/api/v1/option-lists/customer.industry/values", {
      labelZh: "农业",
      labelEn: "Agriculture & food",
      color: "green",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key: "agriculture_food", archived: false });
    const accented = await admin.post<Value>("/api/v1/option-lists/customer.industry/values", {
      labelZh: "餐饮",
      labelEn: "Café & Crème",
    });
    expect(accented.body.key).toBe("cafe_creme");
    const again = await admin.post<ErrorBody>("/api/v1/option-lists/customer.industry/values", {
      key: "agriculture_food",
      labelZh: "x",
      labelEn: "x",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0]?.path).toBe("key");
    const caseTwin = await admin.post<ErrorBody>("/api/v1/option-lists/customer.industry/values", {
      key: "AGRICULTURE_FOOD",
      labelZh: "x",
      labelEn: "x",
    });
    expect(caseTwin.status).toBe(409);
    expect(caseTwin.body.error.details[0]?.path).toBe("key");

    const renamed = await admin.patch<Value>(`/api/v1/option-lists/customer.industry/values/${added.body.id}`, {
      version: 1,
      labelEn: "Agriculture",
    });
    expect(renamed.body).toMatchObject({ version: 2, labelEn: "Agriculture", labelZh: "农业" });
    const stale = await admin.patch(`/api/v1/option-lists/customer.industry/values/${added.body.id}`, {
      version: 1,
      labelEn: "Farming",
    });
    expect(stale.status).toBe(409);

    const ids = (await list(admin, "customer.industry")).map((v) => v.id);
    const reordered = await admin.request<OptionList>("PUT", "/api/v1/option-lists/customer.industry/order", {
      ids: [added.body.id, ...ids.filter((id) => id !== added.body.id)],
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.values[0]?.key).toBe("agriculture_food");
    const partial = await admin.request<ErrorBody>("PUT", "/api/v1/option-lists/customer.industry/order", {
      ids: ids.slice(1),
    });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details[0]?.path).toBe("ids");

    const audit = await ctx.handle.db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "optionValue"), eq(auditLog.entityId, added.body.id)))
      .orderBy(asc(auditLog.at));
    expect(audit.map((e) => e.action)).toEqual(["create", "update", "update"]);
    expect(audit[1]?.changes).toEqual([{ field: "labelEn", from: "Agriculture & food", to: "Agriculture" }]);
  });

  it("refuse a second value with a label the list has in that language, any case, archived or not", async () => {
    const url = "/api/v1/option-lists/customer.level/values";
    const before = await list(admin, "customer.level");
    // "B · 普通客户" is the label of level B: another value of that label would read the same everywhere.
    const zhTwin = await admin.post<ErrorBody>(url, { labelZh: "B · 普通客户", labelEn: "Other B" });
    expect(zhTwin.status).toBe(409);
    expect(zhTwin.body.error.details).toEqual([
      { path: "labelZh", message: 'another value of this list is labelled "B · 普通客户"' },
    ]);
    const bothTwins = await admin.post<ErrorBody>(url, { labelZh: "b · 普通客户", labelEn: "b · REGULAR" });
    expect(bothTwins.status).toBe(409);
    expect(bothTwins.body.error.details.map((d) => d.path)).toEqual(["labelZh", "labelEn"]);
    expect(await list(admin, "customer.level")).toHaveLength(before.length);

    // The same text in the other language is no twin: a Chinese user never sees the English label.
    const crossed = await admin.post<Value>(url, { key: "e", labelZh: "E", labelEn: "B · 普通客户" });
    expect(crossed.status).toBe(201);
    // Renaming into another value's label is refused too; keeping one's own label (in another case) is not.
    const intoTwin = await admin.patch<ErrorBody>(`${url}/${crossed.body.id}`, { version: 1, labelZh: "A · 重点客户" });
    expect(intoTwin.status).toBe(409);
    expect(intoTwin.body.error.details[0]?.path).toBe("labelZh");
    const ownLabel = await admin.patch<Value>(`${url}/${crossed.body.id}`, { version: 1, labelZh: "e", color: "blue" });
    expect(ownLabel.status).toBe(200);

    // An archived value keeps its label: records still show it, and restoring it would bring the twin back.
    const archived = await admin.patch<Value>(`${url}/${crossed.body.id}`, { version: 2, archived: true });
    expect(archived.body.archived).toBe(true);
    const afterArchived = await admin.post<ErrorBody>(
      url,
      { labelZh: "E", labelEn: "Extra" },
      { "accept-language": "zh-CN" },
    );
    expect(afterArchived.status).toBe(409);
    expect(afterArchived.body.error.details).toEqual([
      { path: "labelZh", message: "该列表中已归档的值名称为“e”：请重命名或恢复该值" },
    ]);
  });

  it("let only one of two admins adding the same label at once have it", async () => {
    const url = "/api/v1/option-lists/customer.source/values";
    const results = await Promise.all(
      ["same_a", "same_b"].map((key) => admin.post(url, { key, labelZh: "同一个来源", labelEn: `Same ${key}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await list(admin, "customer.source")).filter((v) => v.labelZh === "同一个来源")).toHaveLength(1);
  });

  it("are changed by administrators only; bad input names the field", async () => {
    const denied = await manager.post("/api/v1/option-lists/customer.level/values", { labelZh: "E", labelEn: "E" });
    expect(denied.status).toBe(403);
    const bad = await admin.post<ErrorBody>("/api/v1/option-lists/customer.level/values", {
      labelZh: "",
      labelEn: "E",
      color: "not a colour!",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(["labelZh", "color"]));
    expect(
      (await admin.post("/api/v1/option-lists/customer.nothing/values", { labelZh: "a", labelEn: "a" })).status,
    ).toBe(404);
  });
});

describe("customers accept only values of their lists", () => {
  it("refuses an unknown key with a 400 naming the field", async () => {
    const res = await admin.post<ErrorBody>("/api/v1/customers", { name: "Bad Co", industry: "alchemy" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("industry");
    const stage = await admin.post<ErrorBody>("/api/v1/customers", { name: "Bad Co", lifecycleStage: "won" });
    expect(stage.body.error.details[0]?.path).toBe("lifecycleStage");
  });

  it("keeps an archived value on a record that has it, but offers it to no new record", async () => {
    const created = await admin.post<Customer>("/api/v1/customers", { name: "Mediahaus", industry: "media" });
    expect(created.status).toBe(201);
    const media = await findValue("customer.industry", "media");
    const archived = await admin.patch<Value>(`/api/v1/option-lists/customer.industry/values/${media.id}`, {
      version: media.version,
      archived: true,
    });
    expect(archived.body.archived).toBe(true);

    const kept = await admin.patch<Customer>(`/api/v1/customers/${created.body.id}`, {
      version: 1,
      industry: "media",
      tags: [],
    });
    expect(kept.status).toBe(200);
    const refused = await admin.post<ErrorBody>("/api/v1/customers", { name: "New media", industry: "media" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: "industry" });
    expect(refused.body.error.details[0]?.message).toContain("archived");
    const filtered = await admin.get<{ data: Customer[] }>("/api/v1/customers?industry=media");
    expect(filtered.body.data.map((c) => c.id)).toEqual([created.body.id]);

    await admin.patch(`/api/v1/option-lists/customer.industry/values/${media.id}`, {
      version: archived.body.version,
      archived: false,
    });
    expect((await admin.post("/api/v1/customers", { name: "New media", industry: "media" })).status).toBe(201);
  });

  it("gives a new customer the first active stage", async () => {
    const stages = await list(admin, "customer.lifecycleStage");
    const lead = stages[0];
    if (!lead) throw new Error("no stages");
    const ids = stages.map((s) => s.id);
    await admin.request("PUT", "/api/v1/option-lists/customer.lifecycleStage/order", {
      ids: [...ids.slice(1), lead.id],
    });
    const created = await admin.post<Customer>("/api/v1/customers", { name: "Staged Co" });
    expect(created.body.lifecycleStage).toBe("prospect");
    await admin.request("PUT", "/api/v1/option-lists/customer.lifecycleStage/order", { ids });
  });

  it("adds a new tag while tagging only for users allowed to (tags: create)", async () => {
    const byRep = await rep.post<ErrorBody>("/api/v1/customers", { name: "Rep Co", tags: ["brand-new"] });
    expect(byRep.status).toBe(400);
    expect(byRep.body.error.details[0]?.path).toBe("tags");

    const byManager = await manager.post<Customer>("/api/v1/customers", { name: "Mgr Co", tags: ["brand-new"] });
    expect(byManager.status).toBe(201);
    expect((await list(rep, "customer.tags")).map((v) => v.key)).toContain("brand-new");
    const nowKnown = await rep.post<Customer>("/api/v1/customers", { name: "Rep Co", tags: ["brand-new"] });
    expect(nowKnown.status).toBe(201);
  });

  it("takes a tag in any case as the one the list has, and no commas in new ones", async () => {
    const spelled = await manager.post<Customer>("/api/v1/customers", {
      name: "Case Co",
      tags: ["BRAND-NEW", "Fresh-Tag", "fresh-tag"],
    });
    expect(spelled.status).toBe(201);
    expect(spelled.body.tags).toEqual(["brand-new", "Fresh-Tag"]);
    expect((await list(rep, "customer.tags")).map((v) => v.key).filter((k) => /fresh-tag/i.test(k))).toEqual([
      "Fresh-Tag",
    ]);
    // A tag typed by its label is that value, not a new one with a twin label.
    await admin.post("/api/v1/option-lists/customer.tags/values", {
      key: "key_account",
      labelZh: "重点客户",
      labelEn: "Key account",
    });
    const byLabel = await manager.post<Customer>("/api/v1/customers", {
      name: "Label Co",
      tags: ["重点客户", "KEY ACCOUNT"],
    });
    expect(byLabel.body.tags).toEqual(["key_account"]);
    expect((await list(rep, "customer.tags")).filter((v) => v.labelZh === "重点客户")).toHaveLength(1);
    const comma = await manager.post<ErrorBody>("/api/v1/customers", { name: "Comma Co", tags: ["a,b"] });
    expect(comma.status).toBe(400);
    expect(comma.body.error.details[0]?.path).toBe("tags.0");
  });
});

describe("list filters by option keys", () => {
  const ids = (res: { body: { data: Customer[] } }) => res.body.data.map((c) => c.id);

  it("refuse a key the list never held with a 400 naming the filter, wherever customers are listed", async () => {
    for (const [url, path] of [
      ["/api/v1/customers?industry=nonexistent", "industry"],
      ["/api/v1/customers?lifecycleStage=won", "lifecycleStage"],
      ["/api/v1/customers?tag=never-a-tag", "tag"],
      ["/api/v1/pool/customers?source=nowhere", "source"],
      ["/api/v1/exports/customers?size=huge", "size"],
    ] as const) {
      const res = await admin.get<ErrorBody>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0]?.path, url).toBe(path);
      expect(res.body.error.details[0]?.message, url).toContain("not in the list");
    }
    // Another organization's key is unknown here too.
    expect((await admin.get("/api/v1/customers?source=globex_only")).status).toBe(400);
  });

  it("refuse a bulk action whose filter names an unknown key, and change nothing", async () => {
    const target = await admin.post<Customer>("/api/v1/customers", { name: "Bulk Target", industry: "retail" });
    const res = await admin.post<ErrorBody>("/api/v1/customers/bulk", {
      action: "addTag",
      tag: "bulk-tag",
      filter: { q: "Bulk Target", level: "Z" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("filter.level");
    const after = await admin.get<Customer>(`/api/v1/customers/${target.body.id}`);
    expect(after.body).toMatchObject({ version: 1, tags: [] });
    expect((await list(admin, "customer.tags")).map((v) => v.key)).not.toContain("bulk-tag");
  });

  it("still filter by archived keys, so a saved view that names them keeps working", async () => {
    const tagged = await admin.post<Customer>("/api/v1/customers", {
      name: "Old Tag Co",
      tags: ["legacy"],
      lifecycleStage: "churned",
    });
    expect(tagged.status).toBe(201);
    const saved = await admin.post<{ id: string }>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Legacy churned",
      filters: { tag: "legacy", lifecycleStage: "churned" },
    });
    expect(saved.status).toBe(201);
    for (const [listKey, key] of [
      ["customer.tags", "legacy"],
      ["customer.lifecycleStage", "churned"],
    ] as const) {
      const value = await findValue(listKey, key);
      const res = await admin.patch(`/api/v1/option-lists/${listKey}/values/${value.id}`, {
        version: value.version,
        archived: true,
      });
      expect(res.status).toBe(200);
    }

    // Opening the view: its stored filters become the list's query, as in the web app.
    const views = await admin.get<{ data: { id: string; filters: Record<string, string> }[] }>(
      "/api/v1/saved-views?objectType=customers",
    );
    const view = views.body.data.find((v) => v.id === saved.body.id);
    const query = new URLSearchParams(view?.filters).toString();
    const opened = await admin.get<{ data: Customer[] }>(`/api/v1/customers?${query}`);
    expect(opened.status).toBe(200);
    expect(ids(opened)).toEqual([tagged.body.id]);
  });
});

describe("option lists of two organizations", () => {
  it("are separate: another organization's changes and ids do not reach this one", async () => {
    const other = await addOrganization(ctx, "Globex", "admin@globex.test");
    const theirs = await other.admin.post<Value>("/api/v1/option-lists/customer.source/values", {
      key: "globex_only",
      labelZh: "仅此",
      labelEn: "Only here",
    });
    expect(theirs.status).toBe(201);
    expect((await list(admin, "customer.source")).map((v) => v.key)).not.toContain("globex_only");
    expect((await list(other.admin, "customer.industry")).map((v) => v.key)).not.toContain("agriculture_food");
    const reach = await admin.patch(`/api/v1/option-lists/customer.source/values/${theirs.body.id}`, {
      version: 1,
      labelEn: "Hijacked",
    });
    expect(reach.status).toBe(404);
    expect((await admin.post<ErrorBody>("/api/v1/customers", { name: "X", source: "globex_only" })).status).toBe(400);
  });
});
