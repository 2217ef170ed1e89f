import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  addUserWithRole,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type View = {
  id: string;
  version: number;
  name: string;
  visibility: string;
  filters: Record<string, string | string[]>;
  sort: string | null;
  columns: string[];
  isDefault: boolean;
  canEdit: boolean;
  ownerName: string | null;
  stale: string[];
};
type Field = { id: string; version: number; key: string };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let rep: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  rep = await addUserWithRole(ctx, admin, "rep@acme.test", "Sales rep");
  manager = await addUserWithRole(ctx, admin, "manager@acme.test", "Sales manager");
  const options = ["north", "east", "south"].map((key) => ({ key, label: { en: key, "zh-CN": key } }));
  for (const field of [
    { key: "region", type: "multiChoice", label: { en: "Region", "zh-CN": "区域" }, options },
    { key: "seats", type: "number", label: { en: "Seats", "zh-CN": "席位" } },
  ]) {
    expect((await admin.post("/api/v1/custom-fields", { objectType: "customer", ...field })).status).toBe(201);
  }
});
afterAll(() => ctx.close());

const views = async (client: ApiClient, objectType = "customers") =>
  (await client.get<{ data: View[] }>(`/api/v1/saved-views?objectType=${objectType}`)).body.data;

describe("saved views", () => {
  it("saves filters, sort and columns as a private view only its owner sees", async () => {
    const created = await rep.post<View>("/api/v1/saved-views", {
      objectType: "customers",
      name: "My A-level leads",
      filters: { level: "A", lifecycleStage: "lead", "custom.region": ["north", "east"] },
      sort: "-updatedAt",
      columns: ["name", "level", "custom.region"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      visibility: "private",
      canEdit: true,
      isDefault: false,
      ownerName: "rep@acme.test",
    });
    expect((await views(rep)).map((v) => v.name)).toEqual(["My A-level leads"]);
    expect(await views(manager)).toEqual([]);
    expect(await views(admin)).toEqual([]);
    expect(await views(rep, "contacts")).toEqual([]);
    const peek = await manager.patch(`/api/v1/saved-views/${created.body.id}`, { version: 1, name: "Mine now" });
    expect(peek.status).toBe(404);
  });

  it("updates a view at the version seen, and deletes it", async () => {
    const view = (await rep.post<View>("/api/v1/saved-views", { objectType: "contacts", name: "Buyers" })).body;
    const updated = await rep.patch<View>(`/api/v1/saved-views/${view.id}`, {
      version: 1,
      filters: { buyingRole: "decision_maker" },
      columns: ["name", "emails"],
    });
    expect(updated.body).toMatchObject({ version: 2, name: "Buyers", columns: ["name", "emails"] });
    expect((await rep.patch(`/api/v1/saved-views/${view.id}`, { version: 1, name: "x" })).status).toBe(409);
    expect((await rep.delete(`/api/v1/saved-views/${view.id}`)).status).toBe(204);
    expect(await views(rep, "contacts")).toEqual([]);
  });

  it("shares a view with the organization only with the permission; only owner or admin change it", async () => {
    const denied = await rep.post<ErrorBody>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Team",
      visibility: "organization",
    });
    expect(denied.status).toBe(403);
    const shared = await manager.post<View>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Team pipeline",
      visibility: "organization",
      filters: { lifecycleStage: "prospect" },
    });
    expect(shared.status).toBe(201);
    const seenByRep = (await views(rep)).find((v) => v.id === shared.body.id);
    expect(seenByRep).toMatchObject({ canEdit: false, ownerName: "manager@acme.test" });
    expect((await rep.patch(`/api/v1/saved-views/${shared.body.id}`, { version: 1, name: "Rep's" })).status).toBe(403);
    expect((await rep.delete(`/api/v1/saved-views/${shared.body.id}`)).status).toBe(403);

    const byAdmin = await admin.patch<View>(`/api/v1/saved-views/${shared.body.id}`, { version: 1, name: "Pipeline" });
    expect(byAdmin.status).toBe(200);
    const mine = (await views(rep)).find((v) => v.name === "My A-level leads");
    const share = await rep.patch(`/api/v1/saved-views/${mine?.id}`, { version: 1, visibility: "organization" });
    expect(share.status).toBe(403);
    expect((await admin.delete(`/api/v1/saved-views/${shared.body.id}`)).status).toBe(204);
  });

  it("creates one view for a POST retried with the same Idempotency-Key", async () => {
    const body = { objectType: "contacts", name: "Retried" };
    const key = { "idempotency-key": "retry-1" };
    const first = await rep.post<View>("/api/v1/saved-views", body, key);
    const again = await rep.post<View>("/api/v1/saved-views", body, key);
    expect(again.body.id).toBe(first.body.id);
    expect((await views(rep, "contacts")).filter((v) => v.name === "Retried")).toHaveLength(1);
    await rep.delete(`/api/v1/saved-views/${first.body.id}`);
  });

  it("keeps one default view per user and list", async () => {
    const [first, second] = await Promise.all(
      ["First", "Second"].map(
        async (name) => (await rep.post<View>("/api/v1/saved-views", { objectType: "customers", name })).body,
      ),
    );
    const put = (viewId: string | null | undefined) =>
      rep.request("PUT", "/api/v1/saved-views/default", { objectType: "customers", viewId });
    expect((await put(first?.id)).status).toBe(204);
    expect((await put(second?.id)).status).toBe(204);
    expect((await views(rep)).filter((v) => v.isDefault).map((v) => v.name)).toEqual(["Second"]);
    expect((await put(null)).status).toBe(204);
    expect((await views(rep)).some((v) => v.isDefault)).toBe(false);
    const contactView = (await rep.post<View>("/api/v1/saved-views", { objectType: "contacts", name: "C" })).body;
    const wrongList = await put(contactView.id);
    expect(wrongList.status).toBe(422);
    expect((wrongList.body as ErrorBody).error.details[0]?.path).toBe("viewId");
  });

  it("answers bad input with a 400 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ objectType: "planets", name: "x" }, "objectType"],
      [{ objectType: "customers", name: "" }, "name"],
      [{ objectType: "customers", name: "x", visibility: "everyone" }, "visibility"],
      [{ objectType: "customers", name: "x", columns: "name" }, "columns"],
      [{ objectType: "customers", name: "x", filters: { level: 3 } }, "filters.level"],
      [{ objectType: "customers", name: "x", owner: "me" }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await rep.post<ErrorBody>("/api/v1/saved-views", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d) => d.path).join(" "), JSON.stringify(body)).toContain(path);
    }
  });

  it("takes only a sort its list takes: a field of the list or one of its custom fields", async () => {
    for (const sort of ["garbage; drop", "-bogus", "custom.nothing", "birthday"]) {
      const res = await rep.post<ErrorBody>("/api/v1/saved-views", { objectType: "customers", name: "Bad", sort });
      expect(res.status, sort).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: "sort", message: expect.stringContaining("must be one of name, createdAt") },
      ]);
      expect(res.body.error.details[0]?.message).toContain("custom.seats");
    }
    for (const sort of ["-updatedAt", "name", "-custom.seats"]) {
      const res = await rep.post<View>("/api/v1/saved-views", { objectType: "customers", name: `By ${sort}`, sort });
      expect(res.status, sort).toBe(201);
      expect(res.body.sort).toBe(sort);
      await rep.delete(`/api/v1/saved-views/${res.body.id}`);
    }
    // Contacts have their own sorts; an update is checked too.
    const contacts = await rep.post<View>("/api/v1/saved-views", {
      objectType: "contacts",
      name: "C",
      sort: "-updatedAt",
    });
    expect(contacts.status).toBe(201);
    const bad = await rep.patch<ErrorBody>(`/api/v1/saved-views/${contacts.body.id}`, {
      version: 1,
      sort: "custom.seats",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe("sort");
    expect((await views(rep, "contacts")).find((v) => v.id === contacts.body.id)?.sort).toBe("-updatedAt");
    await rep.delete(`/api/v1/saved-views/${contacts.body.id}`);
  });

  it("keeps another organization's views apart", async () => {
    const other = await addOrganization(ctx, "Globex", "admin@globex.test");
    const theirs = await other.admin.post<View>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Globex shared",
      visibility: "organization",
    });
    expect(theirs.status).toBe(201);
    expect((await views(admin)).map((v) => v.name)).not.toContain("Globex shared");
    expect((await admin.patch(`/api/v1/saved-views/${theirs.body.id}`, { version: 1, name: "x" })).status).toBe(404);
    expect((await admin.delete(`/api/v1/saved-views/${theirs.body.id}`)).status).toBe(404);
    const asDefault = await admin.request("PUT", "/api/v1/saved-views/default", {
      objectType: "customers",
      viewId: theirs.body.id,
    });
    expect(asDefault.status).toBe(422);
  });
});

describe("a view holds only what its list takes", () => {
  const save = (body: Record<string, unknown>, objectType = "customers") =>
    rep.post<ErrorBody>("/api/v1/saved-views", { objectType, name: "Checked", ...body });
  const paths = (res: { body: ErrorBody }) => res.body.error.details.map((d) => d.path);
  /** The list's own answer to the same parameters, as a saved view would open it. */
  const openList = (objectType: string, filters: Record<string, string | string[]>) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) for (const one of [value].flat()) query.append(name, one);
    return rep.get<ErrorBody>(`/api/v1/${objectType}?${query}`);
  };

  it("refuses filters its list refuses, naming filters.<parameter> with the list's words, and saves nothing", async () => {
    const before = (await views(rep)).length;
    const cases: [string, Record<string, string | string[]>, string][] = [
      ["customers", { ownerId: "not-a-uuid" }, "ownerId"],
      ["customers", { bogus: "1" }, "bogus"],
      ["customers", { kind: "alien" }, "kind"],
      ["customers", { level: ["A", "B"] }, "level"],
      ["customers", { q: "x".repeat(201) }, "q"],
      ["customers", { industry: "no_such_industry" }, "industry"],
      ["customers", { "custom.nope": "1" }, "custom.nope"],
      ["customers", { "custom.seats[gt]": "abc" }, "custom.seats[gt]"],
      ["customers", { "custom.seats[contains]": "1" }, "custom.seats[contains]"],
      ["customers", { "custom.seats[near]": "1" }, "custom.seats[near]"],
      ["customers", { "custom.region": "west" }, "custom.region"],
      ["contacts", { isPrimary: "maybe" }, "isPrimary"],
      ["contacts", { "custom.seats": "1" }, "custom.seats"],
    ];
    for (const [objectType, filters, path] of cases) {
      const label = JSON.stringify(filters);
      const res = await save({ filters }, objectType);
      expect(res.status, label).toBe(400);
      expect(paths(res), label).toEqual([`filters.${path}`]);
      const list = await openList(objectType, filters);
      expect(list.status, label).toBe(400);
      expect(list.body.error.details, label).toEqual([
        { path, message: res.body.error.details[0]?.message.replace(/^filters\./, "") },
      ]);
    }
    // Sort and paging are the view's own, not filters.
    for (const name of ["sort", "limit", "cursor", "deleted"]) {
      const res = await save({ filters: { [name]: "1" } });
      expect(res.status, name).toBe(400);
      expect(res.body.error.details, name).toEqual([
        { path: `filters.${name}`, message: "is not a filter of this list" },
      ]);
    }
    expect(await views(rep)).toHaveLength(before);
  });

  it("takes the filters its list takes, and checks them on update too", async () => {
    const filters = {
      q: "acme",
      level: "A",
      ownerId: "01a2067c-ebb4-730e-ac54-5b9c08db49c3",
      "custom.seats[gte]": "10",
      "custom.region": ["north", "east"],
    };
    const created = await rep.post<View>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Big north",
      filters,
    });
    expect(created.status).toBe(201);
    expect(created.body.filters).toEqual(filters);
    expect((await openList("customers", filters)).status).toBe(200);

    const bad = await rep.patch<ErrorBody>(`/api/v1/saved-views/${created.body.id}`, {
      version: 1,
      filters: { ...filters, ownerId: "me" },
    });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(["filters.ownerId"]);
    const stored = (await views(rep)).find((v) => v.id === created.body.id);
    expect(stored).toMatchObject({ version: 1, filters });
    await rep.delete(`/api/v1/saved-views/${created.body.id}`);
  });

  it("takes only its list's columns and custom fields, each once, naming columns.<n>", async () => {
    const before = (await views(rep)).length;
    const cases: [string, string[], string[]][] = [
      ["customers", ["bogus", "custom.nope"], ["columns.0", "columns.1"]],
      ["customers", ["name", "level", "name"], ["columns.2"]],
      ["customers", ["name", "custom.seats", "custom.seats"], ["columns.2"]],
      ["contacts", ["name", "email", "custom.seats"], ["columns.1", "columns.2"]],
    ];
    for (const [objectType, columns, expected] of cases) {
      const res = await save({ columns }, objectType);
      expect(res.status, columns.join()).toBe(400);
      expect(paths(res), columns.join()).toEqual(expected);
    }
    const dup = await save({ columns: ["name", "name"] });
    expect(dup.body.error.details).toEqual([{ path: "columns.1", message: "repeats an earlier column" }]);
    expect(await views(rep)).toHaveLength(before);

    const ok = await rep.post<View>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Columns",
      columns: ["name", "city", "custom.region", "custom.seats", "nextFollowUpAt"],
    });
    expect(ok.status).toBe(201);
    const bad = await rep.patch<ErrorBody>(`/api/v1/saved-views/${ok.body.id}`, { version: 1, columns: ["nope"] });
    expect(paths(bad)).toEqual(["columns.0"]);
    await rep.delete(`/api/v1/saved-views/${ok.body.id}`);
  });

  it("refuses wrong types, oversized filters, NUL characters and unknown lists with a 400", async () => {
    const before = (await views(rep)).length;
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`custom.f${i}`, "1"]));
    const long = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`custom.f${i}`, "x".repeat(450)]));
    const cases: [Record<string, unknown>, string][] = [
      [{ filters: ["level"] }, "filters"],
      [{ filters: "level=A" }, "filters"],
      [{ filters: { level: { eq: "A" } } }, "filters.level"],
      [{ filters: many }, "filters"],
      [{ filters: long }, "filters"],
      [{ filters: { q: "x".repeat(501) } }, "filters.q"],
      [{ filters: { "custom.region": Array.from({ length: 21 }, () => "north") } }, "filters.custom.region"],
      [{ filters: { q: "a\u0000b" } }, "filters.q"],
      [{ filters: { "q\u0000": "a" } }, "filters.q\\u0000"],
      [{ columns: ["name\u0000"] }, "columns.0"],
      [{ sort: 5 }, "sort"],
      [{ objectType: "planets" }, "objectType"],
    ];
    for (const [body, path] of cases) {
      const res = await save(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res), JSON.stringify(body)).toContain(path);
    }
    const tooMany = await save({ filters: many });
    expect(tooMany.body.error.details[0]?.message).toBe("must have at most 50 filters");
    const tooLong = await save({ filters: long });
    expect(tooLong.body.error.details[0]?.message).toBe("must be at most 4000 characters in all");
    const chinese = await rep.post<ErrorBody>(
      "/api/v1/saved-views",
      { objectType: "customers", name: "x", columns: ["name", "name"] },
      { "accept-language": "zh-CN" },
    );
    expect(chinese.body.error.details).toEqual([{ path: "columns.1", message: "与前面的列重复" }]);
    const unknownList = await rep.get<ErrorBody>("/api/v1/saved-views?objectType=planets");
    expect(unknownList.status).toBe(400);
    expect(paths(unknownList)).toEqual(["objectType"]);
    expect(await views(rep)).toHaveLength(before);
  });
});

describe("a view naming a custom field archived or deleted since", () => {
  it("drops the field from its filters, sort and columns, says so, and still opens its list", async () => {
    const tier = await admin.post<Field>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "tier",
      type: "singleChoice",
      label: { en: "Tier", "zh-CN": "等级" },
      options: ["gold", "silver"].map((key) => ({ key, label: { en: key, "zh-CN": key } })),
    });
    const hotline = await admin.post<Field>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "hotline",
      type: "text",
      label: { en: "Hotline", "zh-CN": "热线" },
    });
    const customer = await rep.post("/api/v1/customers", {
      name: "Gold Hotline Ltd",
      kind: "company",
      level: "A",
      custom: { tier: "gold", hotline: "400-800" },
    });
    expect(customer.status).toBe(201);
    const saved = await rep.post<View>("/api/v1/saved-views", {
      objectType: "customers",
      name: "Gold hotlines",
      filters: { level: "A", "custom.tier": "gold", "custom.hotline[contains]": "400" },
      sort: "-custom.hotline",
      columns: ["name", "custom.hotline", "custom.tier"],
    });
    expect(saved.status).toBe(201);
    expect(saved.body.stale).toEqual([]);

    // The option gold is archived (the list still filters by it), then the hotline field.
    const tierOptions = ["gold", "silver"].map((key) => ({
      key,
      label: { en: key, "zh-CN": key },
      archived: key === "gold",
    }));
    expect(
      (await admin.patch(`/api/v1/custom-fields/${tier.body.id}`, { version: tier.body.version, options: tierOptions }))
        .status,
    ).toBe(200);
    expect((await admin.post(`/api/v1/custom-fields/${hotline.body.id}/archive`)).status).toBe(200);

    const expectOpens = async () => {
      const view = (await views(rep)).find((v) => v.id === saved.body.id);
      expect(view).toMatchObject({
        filters: { level: "A", "custom.tier": "gold" },
        sort: null,
        columns: ["name", "custom.tier"],
        stale: ["custom.hotline"],
      });
      const query = new URLSearchParams(view?.filters as Record<string, string>);
      const list = await rep.get<{ data: { name: string }[] }>(`/api/v1/customers?${query}`);
      expect(list.status).toBe(200);
      expect(list.body.data.map((c) => c.name)).toEqual(["Gold Hotline Ltd"]);
    };
    await expectOpens();
    // Renaming keeps what was saved and answers the view as it reads now.
    const renamed = await rep.patch<View>(`/api/v1/saved-views/${saved.body.id}`, { version: 1, name: "Gold" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.stale).toEqual(["custom.hotline"]);
    // The archived field is not something to save anew.
    const resaved = await rep.patch<ErrorBody>(`/api/v1/saved-views/${saved.body.id}`, {
      version: 2,
      sort: "-custom.hotline",
      columns: ["custom.hotline"],
    });
    expect(resaved.status).toBe(400);

    // Restored, the field comes back into the view; deleted for good, it is left out again.
    await admin.post(`/api/v1/custom-fields/${hotline.body.id}/restore`);
    const restored = (await views(rep)).find((v) => v.id === saved.body.id);
    expect(restored).toMatchObject({ sort: "-custom.hotline", stale: [] });
    expect(restored?.columns).toContain("custom.hotline");
    await admin.post(`/api/v1/custom-fields/${hotline.body.id}/archive`);
    expect((await admin.delete(`/api/v1/custom-fields/${hotline.body.id}`)).status).toBe(204);
    await expectOpens();
  });
});
