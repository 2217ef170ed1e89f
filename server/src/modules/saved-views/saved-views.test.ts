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
};
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
      columns: ["name", "email"],
    });
    expect(updated.body).toMatchObject({ version: 2, name: "Buyers", columns: ["name", "email"] });
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
    const field = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "seats",
      type: "number",
      label: { en: "Seats", "zh-CN": "席位" },
    });
    expect(field.status).toBe(201);
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
