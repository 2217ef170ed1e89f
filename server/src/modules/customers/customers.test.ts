import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";

type Customer = {
  id: string;
  version: number;
  name: string;
  level: string | null;
  tags: string[];
  ownerId: string | null;
  ownerName: string | null;
  deletedAt: string | null;
  updatedAt: string;
};
type List = { data: Customer[]; nextCursor: string | null };
const unknownId = "01900000-0000-7000-8000-000000000000";
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
type Audit = {
  data: { action: string; actorName: string | null; changes: { field: string; from: unknown; to: unknown }[] }[];
};

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const create = (body: Record<string, unknown>) => admin.post<Customer>("/api/v1/customers", body);
const count = async () => (await admin.get<List>("/api/v1/customers?limit=200")).body.data.length;

describe("customers: records", () => {
  it("creates, reads and updates a customer with every field", async () => {
    const created = await create({
      name: "华为技术有限公司",
      kind: "company",
      industry: "technology",
      size: "1001+",
      level: "B",
      source: "referral",
      lifecycleStage: "customer",
      tags: ["vip", "vip", "5G"],
      phone: "+86 755 2878 0808",
      email: "contact@huawei.example",
      website: "huawei.com",
      address: { country: "中国", region: "广东", city: "深圳", street: "坂田华为基地", postalCode: "518129" },
      notes: "Key account",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, tags: ["vip", "5G"], ownerName: "Admin", deletedAt: null });

    const fetched = await admin.get<Customer>(`/api/v1/customers/${created.body.id}`);
    expect(fetched.body).toEqual({ ...created.body, access: "write" });

    const updated = await admin.patch<Customer>(`/api/v1/customers/${created.body.id}`, { version: 1, level: "A" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, level: "A", name: "华为技术有限公司" });
  });

  it("writes every change to the audit log: who, when, each field from what to what", async () => {
    const c = await create({ name: "Audit Co", level: "C" });
    await admin.patch(`/api/v1/customers/${c.body.id}`, { version: 1, level: "A", phone: "021 5555 0101" });
    await admin.delete(`/api/v1/customers/${c.body.id}`);
    await admin.post(`/api/v1/customers/${c.body.id}/restore`);
    const audit = await admin.get<Audit>(`/api/v1/customers/${c.body.id}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.data.map((e) => e.action)).toEqual(["restore", "delete", "update", "create"]);
    expect(audit.body.data[0]?.actorName).toBe("Admin");
    expect(audit.body.data[2]?.changes).toEqual([
      { field: "level", from: "C", to: "A" },
      { field: "phone", from: null, to: "021 5555 0101" },
    ]);
    expect(audit.body.data[3]?.changes).toContainEqual({ field: "name", from: null, to: "Audit Co" });
  });

  it("records only what changed: an address sent again in another key order is no change", async () => {
    const address = { country: "中国", region: "广东省", city: "广州", street: "环市东路180号", postalCode: "510623" };
    const c = await create({ name: "Address Co", address });
    const reordered = Object.fromEntries(Object.entries(address).reverse());
    const res = await admin.patch(`/api/v1/customers/${c.body.id}`, {
      version: 1,
      address: reordered,
      notes: "新备注",
    });
    expect(res.status).toBe(200);
    const audit = await admin.get<Audit>(`/api/v1/customers/${c.body.id}/audit`);
    expect(audit.body.data[0]?.changes).toEqual([{ field: "notes", from: null, to: "新备注" }]);
  });

  it("shows the changes on the customer's timeline, newest first, paged and filtered by kind", async () => {
    const c = await create({ name: "Timeline Co" });
    for (let version = 1; version <= 4; version++) {
      await admin.patch(`/api/v1/customers/${c.body.id}`, { version, notes: `note ${version}` });
    }
    type Timeline = { data: { kind: string; data: { action: string } }[]; nextCursor: string | null };
    const first = await admin.get<Timeline>(`/api/v1/customers/${c.body.id}/timeline?limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.data.map((e) => e.data.action)).toEqual(["update", "update", "update"]);
    const rest = await admin.get<Timeline>(
      `/api/v1/customers/${c.body.id}/timeline?limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.data.map((e) => e.data.action)).toEqual(["update", "create"]);
    expect(rest.body.nextCursor).toBeNull();
    const changes = await admin.get<Timeline>(`/api/v1/customers/${c.body.id}/timeline?kinds=change`);
    expect(changes.body.data).toHaveLength(5);
    // An unknown kind is a mistake to point out, not an empty timeline.
    const unknown = await admin.get<{ error: { details: { path: string }[] } }>(
      `/api/v1/customers/${c.body.id}/timeline?kinds=nothing`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d) => d.path)).toEqual(["kinds"]);
  });

  it("rejects an update at a stale version with 409 and changes nothing", async () => {
    const c = await create({ name: "Versioned Ltd" });
    const first = await admin.patch<Customer>(`/api/v1/customers/${c.body.id}`, {
      version: 1,
      name: "Versioned Ltd (A)",
    });
    expect(first.status).toBe(200);
    const stale = await admin.patch<ErrorBody>(`/api/v1/customers/${c.body.id}`, {
      version: 1,
      name: "Versioned Ltd (B)",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect(stale.body.error.details[0]?.path).toBe("version");
    const now = await admin.get<Customer>(`/api/v1/customers/${c.body.id}`);
    expect(now.body).toMatchObject({ name: "Versioned Ltd (A)", version: 2 });
    const audit = await admin.get<Audit>(`/api/v1/customers/${c.body.id}/audit`);
    expect(audit.body.data).toHaveLength(2);
  });

  it("creates one record for a POST retried with the same Idempotency-Key", async () => {
    const before = await count();
    const headers = { "idempotency-key": "retry-42" };
    const a = await admin.post<Customer>("/api/v1/customers", { name: "Retry Inc" }, headers);
    const b = await admin.post<Customer>("/api/v1/customers", { name: "Retry Inc" }, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await count()).toBe(before + 1);
    const reused = await admin.post<ErrorBody>("/api/v1/customers", { name: "Other Inc" }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    expect(await count()).toBe(before + 1);
  });

  it("moves a deleted customer to the trash, restores it, and purges it for good only from the trash", async () => {
    const c = await create({ name: "Trash Me GmbH" });
    const url = `/api/v1/customers/${c.body.id}`;
    expect((await admin.request("DELETE", `${url}?purge=true`)).status).toBe(404);
    expect((await admin.delete(url)).status).toBe(204);
    expect((await admin.get(url)).status).toBe(404);
    const live = await admin.get<List>("/api/v1/customers?q=trash me");
    expect(live.body.data).toEqual([]);
    const trash = await admin.get<List>("/api/v1/customers?deleted=true&q=trash me");
    expect(trash.body.data.map((x) => x.id)).toEqual([c.body.id]);
    expect(trash.body.data[0]?.deletedAt).not.toBeNull();

    const restored = await admin.post<Customer>(`${url}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await admin.get(url)).status).toBe(200);

    await admin.delete(url);
    expect((await admin.request("DELETE", `${url}?purge=true`)).status).toBe(204);
    expect((await admin.post(`${url}/restore`)).status).toBe(404);
    expect((await admin.get<List>("/api/v1/customers?deleted=true&q=trash me")).body.data).toEqual([]);
  });
});

describe("customers: lists", () => {
  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const res = await create({
        name: `Page Co ${String(i).padStart(2, "0")}`,
        level: i % 2 === 0 ? "A" : "B",
        tags: i % 5 === 0 ? ["key"] : [],
        industry: i < 10 ? "retail" : "finance",
      });
      expect(res.status).toBe(201);
    }
  });

  it("pages through every record exactly once with keyset cursors, in each sort order", async () => {
    for (const sort of ["name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/customers?q=page co&limit=7&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`;
        const page: { status: number; body: List } = await admin.get<List>(url);
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((c) => c.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      if (sort === "name") expect(seen).toEqual([...seen].sort());
      if (sort === "-name") expect(seen).toEqual([...seen].sort().reverse());
    }
  });

  it("filters by level, industry and tag, and searches by keyword", async () => {
    const a = await admin.get<List>("/api/v1/customers?q=page co&level=A&industry=retail&limit=200");
    expect(a.body.data.map((c) => c.name).sort()).toEqual([
      "Page Co 00",
      "Page Co 02",
      "Page Co 04",
      "Page Co 06",
      "Page Co 08",
    ]);
    const tagged = await admin.get<List>("/api/v1/customers?q=page co&tag=key&limit=200");
    expect(tagged.body.data).toHaveLength(5);
    // Every word, in any order, anywhere in the record.
    const search = await admin.get<List>("/api/v1/customers?q=CO PAGE 1&limit=200");
    const withOne = Array.from({ length: 25 }, (_, i) => `Page Co ${String(i).padStart(2, "0")}`).filter(
      (name) => name.endsWith("1") || name.includes(" 1"),
    );
    expect(search.body.data.map((c) => c.name).sort()).toEqual(withOne);
    const chinese = await admin.get<List>(`/api/v1/customers?q=${encodeURIComponent("华为")}`);
    expect(chinese.body.data.map((c) => c.name)).toEqual(["华为技术有限公司"]);
    const byPhone = await admin.get<List>("/api/v1/customers?q=2878 0808");
    expect(byPhone.body.data.map((c) => c.name)).toEqual(["华为技术有限公司"]);
    const wildcard = await admin.get<List>("/api/v1/customers?q=%25");
    expect(wildcard.body.data).toEqual([]);
  });
});

describe("customers: bad input changes nothing and names what is wrong", () => {
  const cases: [string, unknown, string][] = [
    ["missing name", { kind: "company" }, "name"],
    ["empty name", { name: "  " }, "name"],
    ["wrong type", { name: 42 }, "name"],
    ["unknown enum", { name: "x", level: "Z" }, "level"],
    ["bad email", { name: "x", email: "not-an-email" }, "email"],
    ["bad phone", { name: "x", phone: "call me maybe" }, "phone"],
    ["bad website", { name: "x", website: "javascript:alert(1)" }, "website"],
    ["unknown field", { name: "x", revenue: 1 }, "revenue"],
    ["too long", { name: "x".repeat(201) }, "name"],
    ["too many tags", { name: "x", tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "tags"],
    ["bad owner id", { name: "x", ownerId: "not-a-uuid" }, "ownerId"],
    ["unknown address field", { name: "x", address: { planet: "Mars" } }, "planet"],
  ];
  it.each(cases)("%s", async (_label, body, path) => {
    const before = await count();
    const res = await create(body as Record<string, unknown>);
    expect(res.status).toBe(400);
    const error = (res.body as unknown as ErrorBody).error;
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d) => d.path).join(" ")).toContain(path);
    expect(await count()).toBe(before);
  });

  it("answers malformed JSON, oversized bodies, bad cursors and unknown ids with 4xx", async () => {
    const malformed = await admin.request<ErrorBody>("POST", "/api/v1/customers", '{"name": ', {
      "content-type": "application/json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("invalid_json");

    const huge = await create({ name: "x", notes: "y".repeat(1_100_000) });
    expect(huge.status).toBe(413);

    const longNotes = await create({ name: "x", notes: "y".repeat(10_001) });
    expect(longNotes.status).toBe(400);

    const cursor = await admin.get<ErrorBody>("/api/v1/customers?cursor=garbage");
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details[0]?.path).toBe("cursor");

    const forged = Buffer.from(JSON.stringify([1, "x"])).toString("base64url");
    expect((await admin.get(`/api/v1/customers?cursor=${forged}`)).status).toBe(400);
    const notADate = Buffer.from(JSON.stringify(["yesterday", unknownId])).toString("base64url");
    expect((await admin.get(`/api/v1/customers?sort=-updatedAt&cursor=${notADate}`)).status).toBe(400);
    expect((await admin.get("/api/v1/customers?limit=5000")).status).toBe(400);
    expect((await admin.get("/api/v1/customers?sort=password")).status).toBe(400);
    // Levels are an option list: a key it never held is refused like a wrong key on create.
    const unknownLevel = await admin.get<ErrorBody>("/api/v1/customers?level=Z");
    expect(unknownLevel.status).toBe(400);
    expect(unknownLevel.body.error.details[0]?.path).toBe("level");
    expect((await admin.get(`/api/v1/customers?level=${"Z".repeat(51)}`)).status).toBe(400);
    expect((await admin.get("/api/v1/customers/not-a-uuid")).status).toBe(400);
    const unknown = unknownId;
    expect((await admin.get(`/api/v1/customers/${unknown}`)).status).toBe(404);
    expect((await admin.patch(`/api/v1/customers/${unknown}`, { version: 1, name: "x" })).status).toBe(404);
    expect((await admin.delete(`/api/v1/customers/${unknown}`)).status).toBe(404);
    const unknownOwner = await create({ name: "x", ownerId: unknown });
    expect(unknownOwner.status).toBe(422);
    const patchNoVersion = await admin.patch<ErrorBody>(`/api/v1/customers/${unknown}`, { name: "x" });
    expect(patchNoVersion.status).toBe(400);
    expect(patchNoVersion.body.error.details[0]?.path).toBe("version");
  });
});
