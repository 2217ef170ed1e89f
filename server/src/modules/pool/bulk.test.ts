import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { addPerson } from "./test-support.ts";

type Customer = { id: string; name: string; tags: string[]; ownerId: string | null; deletedAt: string | null };
type List = { data: Customer[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let manager: { id: string; client: ApiClient };
let rep: { id: string; client: ApiClient };
let outsider: { id: string; client: ApiClient };

const person = (key: string, role: string, managerId: string | null = null) =>
  addPerson(ctx, admin, key, role, managerId);

async function customers(prefix: string, n: number, ownerId: string, tags: string[] = []): Promise<Customer[]> {
  const made: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const res = await admin.post<Customer>("/api/v1/customers", { name: `${prefix} ${i}`, ownerId, tags });
    expect(res.status).toBe(201);
    made.push(res.body);
  }
  return made;
}

const get = (id: string) => admin.get<Customer>(`/api/v1/customers/${id}`).then((r) => r.body);

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  manager = await person("manager", "Sales manager");
  rep = await person("rep", "Sales rep", manager.id);
  outsider = await person("outsider", "Sales rep");
});
afterAll(() => ctx.close());

describe("bulk actions on customers", () => {
  it("tags and untags the selected records, each audited", async () => {
    const list = await customers("Tagged", 3, rep.id);
    const ids = list.map((c) => c.id);
    const add = await manager.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "addTag",
      ids,
      tag: "vip",
    });
    expect(add.status).toBe(200);
    expect(add.body.count).toBe(3);
    for (const id of ids) expect((await get(id)).tags).toEqual(["vip"]);
    const audit = await admin.get<{ data: { changes: { field: string }[] }[] }>(`/api/v1/customers/${ids[0]}/audit`);
    expect(audit.body.data[0]?.changes.map((c) => c.field)).toEqual(["tags"]);
    const remove = await manager.client.post("/api/v1/customers/bulk", { action: "removeTag", ids, tag: "vip" });
    expect(remove.status).toBe(200);
    for (const id of ids) expect((await get(id)).tags).toEqual([]);
    const missing = await manager.client.post<ErrorBody>("/api/v1/customers/bulk", { action: "addTag", ids });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]?.path).toBe("tag");
  });

  it("changes all that match the filter that the caller may change, leaving out those shared read-only", async () => {
    const [own] = await customers("Readonly mix", 1, rep.id);
    const [shared] = await customers("Readonly mix shared", 1, outsider.id);
    if (!own || !shared) throw new Error("no customers");
    await outsider.client.request("PUT", `/api/v1/customers/${shared.id}/members/${rep.id}`, { access: "read" });
    const listed = await rep.client.get<List>("/api/v1/customers?q=readonly mix");
    expect(listed.body.data).toHaveLength(2);
    const res = await rep.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "addTag",
      tag: "vip",
      filter: { q: "readonly mix" },
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect((await get(own.id)).tags).toEqual(["vip"]);
    expect((await get(shared.id)).tags).toEqual([]);
  });

  it("transfers all or nothing: one record out of scope changes none and is named", async () => {
    const mine = await customers("Transfer", 3, rep.id);
    const [foreign] = await customers("Outsider's", 1, outsider.id);
    const ids = [...mine.map((c) => c.id), foreign?.id];
    const res = await manager.client.post<ErrorBody>("/api/v1/customers/bulk", {
      action: "transfer",
      ids,
      ownerId: manager.id,
      reason: "Rep on leave",
    });
    expect(res.status).toBe(404);
    expect(res.body.error.details[0]).toEqual({ path: "ids.3", message: expect.stringContaining(foreign?.id ?? "") });
    for (const c of mine) expect((await get(c.id)).ownerId).toBe(rep.id);
    const ok = await manager.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "transfer",
      ids: ids.slice(0, 3),
      ownerId: manager.id,
      reason: "Rep on leave",
    });
    expect(ok.body.count).toBe(3);
    for (const c of mine) expect((await get(c.id)).ownerId).toBe(manager.id);
    // A rep without the transfer permission changes nothing.
    const own = await customers("Rep keeps", 1, rep.id);
    const refused = await rep.client.post("/api/v1/customers/bulk", {
      action: "transfer",
      ids: own.map((c) => c.id),
      ownerId: manager.id,
      reason: "x",
    });
    expect(refused.status).toBe(403);
  });

  it("releases to the pool and deletes to the trash, by filter too", async () => {
    const list = await customers("Filtered", 4, rep.id, ["vip"]);
    const release = await rep.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "release",
      filter: { q: "filtered", tag: "vip" },
      reason: "Not reachable",
    });
    expect(release.status).toBe(200);
    expect(release.body.count).toBe(4);
    const pool = await rep.client.get<List>("/api/v1/pool/customers?q=filtered");
    expect(pool.body.data).toHaveLength(4);
    const both = await admin.post<ErrorBody>("/api/v1/customers/bulk", {
      action: "delete",
      ids: [list[0]?.id],
      filter: { q: "filtered" },
    });
    expect(both.status).toBe(400);
    const unknown = await admin.post<ErrorBody>("/api/v1/customers/bulk", {
      action: "delete",
      filter: { q: "filtered", color: "red" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]?.path).toBe("filter.color");
    const del = await admin.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "delete",
      filter: { q: "filtered" },
    });
    expect(del.body.count).toBe(4);
    const trash = await admin.get<List>("/api/v1/customers?deleted=true&q=filtered");
    expect(trash.body.data).toHaveLength(4);
  });

  it("stays within the organization", async () => {
    const [c] = await customers("Isolated", 1, rep.id);
    const other = await addOrganization(ctx, "Other", "admin@other.test");
    const res = await other.admin.post("/api/v1/customers/bulk", { action: "delete", ids: [c?.id] });
    expect(res.status).toBe(404);
    expect((await get(c?.id ?? "")).deletedAt).toBeNull();
  });

  it("refuses more than the cap in one request", async () => {
    const ids = Array.from({ length: 1001 }, () => crypto.randomUUID());
    const res = await admin.post<ErrorBody>("/api/v1/customers/bulk", { action: "delete", ids });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("ids");
  });
});

describe("bulk actions on contacts", () => {
  it("moves the selected contacts to the trash, all or nothing, with the delete permission", async () => {
    const made: string[] = [];
    for (const name of ["Ann", "Bob"]) {
      const res = await rep.client.post<{ id: string }>("/api/v1/contacts", { name: `${name} Bulk` });
      expect(res.status).toBe(201);
      made.push(res.body.id);
    }
    const theirs = await outsider.client.post<{ id: string }>("/api/v1/contacts", { name: "Cat Bulk" });
    expect((await rep.client.post("/api/v1/contacts/bulk", { action: "delete", ids: made })).status).toBe(403);
    const refused = await manager.client.post("/api/v1/contacts/bulk", {
      action: "delete",
      ids: [...made, theirs.body.id],
    });
    expect(refused.status).toBe(404);
    expect((await rep.client.get(`/api/v1/contacts/${made[0]}`)).status).toBe(200);
    const ok = await manager.client.post<{ count: number }>("/api/v1/contacts/bulk", { action: "delete", ids: made });
    expect(ok.body.count).toBe(2);
    expect((await rep.client.get(`/api/v1/contacts/${made[0]}`)).status).toBe(404);
  });
});
