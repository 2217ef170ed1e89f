import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type Contact = {
  id: string;
  version: number;
  customerId: string | null;
  customerName: string | null;
  name: string;
  title: string | null;
  phones: { label: string; number: string }[];
  emails: { label: string; address: string }[];
  im: { kind: string; handle: string }[];
  birthday: string | null;
  buyingRole: string | null;
  isPrimary: boolean;
  ownerName: string | null;
  deletedAt: string | null;
};
type List = { data: Contact[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
type Audit = { data: { action: string; changes: { field: string; from: unknown; to: unknown }[] }[] };

let ctx: TestContext;
let admin: ApiClient;
let customerId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  customerId = (await admin.post<{ id: string }>("/api/v1/customers", { name: "Analytical Engines Ltd" })).body.id;
});
afterAll(() => ctx.close());

const create = (body: Record<string, unknown>) => admin.post<Contact>("/api/v1/contacts", body);
const get = async (id: string) => (await admin.get<Contact>(`/api/v1/contacts/${id}`)).body;
const countAll = async () => (await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length;

describe("contacts: records", () => {
  it("creates, reads, updates and trashes a contact with every field", async () => {
    const created = await create({
      customerId,
      name: "张伟",
      title: "采购总监",
      department: "Purchasing",
      phones: [
        { label: "mobile", number: "+86 138 0013 8000" },
        { label: "work", number: "021 5555 0101 转 808" },
      ],
      emails: [{ label: "work", address: "zhang.wei@engines.example" }],
      im: [{ kind: "wechat", handle: "zhangwei_88" }],
      birthday: "1985-04-12",
      buyingRole: "decision_maker",
      isPrimary: true,
      notes: "Prefers WeChat",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      customerName: "Analytical Engines Ltd",
      birthday: "1985-04-12",
      isPrimary: true,
      ownerName: "Admin",
      deletedAt: null,
    });
    expect(await get(created.body.id)).toEqual({ ...created.body, access: "write" });

    const updated = await admin.patch<Contact>(`/api/v1/contacts/${created.body.id}`, {
      version: 1,
      title: "VP Purchasing",
      phones: [{ label: "mobile", number: "+86 139 0000 0000" }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, title: "VP Purchasing", name: "张伟" });
    expect(updated.body.phones).toEqual([{ label: "mobile", number: "+86 139 0000 0000" }]);

    const stale = await admin.patch<ErrorBody>(`/api/v1/contacts/${created.body.id}`, { version: 1, title: "x" });
    expect(stale.status).toBe(409);

    const audit = await admin.get<Audit>(`/api/v1/contacts/${created.body.id}/audit`);
    expect(audit.body.data.map((e) => e.action)).toEqual(["update", "create"]);
    expect(audit.body.data[0]?.changes.map((c) => c.field)).toEqual(["title", "phones"]);

    expect((await admin.delete(`/api/v1/contacts/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/contacts/${created.body.id}`)).status).toBe(404);
    const trash = await admin.get<List>("/api/v1/contacts?deleted=true");
    expect(trash.body.data.map((c) => c.id)).toContain(created.body.id);
    expect((await admin.post(`/api/v1/contacts/${created.body.id}/restore`)).status).toBe(200);
  });

  it("refuses bad phones, emails, IM kinds and dates with 400 naming the field, and creates nothing", async () => {
    const before = await countAll();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "x", phones: [{ label: "mobile", number: "call me maybe" }] }, "phones.0.number"],
      [{ name: "x", phones: [{ label: "mobile", number: "(.) -" }] }, "phones.0.number"],
      [{ name: "x", phones: [{ label: "mobile", number: "1.38001E+10" }] }, "phones.0.number"],
      [{ name: "x", emails: [{ label: "work", address: "not-an-email" }] }, "emails.0.address"],
      [{ name: "x", im: [{ kind: "icq", handle: "1234" }] }, "im.0.kind"],
      [{ name: "x", birthday: "1985-02-30" }, "birthday"],
      [{ name: "x", birthday: "0026-11-30" }, "birthday"],
      [{ name: "x", buyingRole: "boss" }, "buyingRole"],
      [{ name: " " }, "name"],
    ];
    for (const [body, path] of cases) {
      const res = await create(body);
      expect(res.status, path).toBe(400);
      expect((res.body as unknown as ErrorBody).error.details.map((d) => d.path)).toContain(path);
    }
    expect(await countAll()).toBe(before);
  });

  it("filters by customer, buying role and primary, searches name, phone, email and company, and sorts", async () => {
    const other = (await admin.post<{ id: string }>("/api/v1/customers", { name: "Difference Works" })).body.id;
    await create({
      customerId: other,
      name: "Ada Lovelace",
      buyingRole: "champion",
      emails: [{ address: "ada@dw.example" }],
    });
    await create({ customerId: other, name: "Charles Babbage", phones: [{ number: "+44 20 7946 0018" }] });
    await create({ name: "Solo Person" });

    const byCustomer = await admin.get<List>(`/api/v1/contacts?customerId=${other}&sort=name`);
    expect(byCustomer.body.data.map((c) => c.name)).toEqual(["Ada Lovelace", "Charles Babbage"]);
    const champions = await admin.get<List>("/api/v1/contacts?buyingRole=champion");
    expect(champions.body.data.map((c) => c.name)).toEqual(["Ada Lovelace"]);
    const search = async (q: string) =>
      (await admin.get<List>(`/api/v1/contacts?q=${encodeURIComponent(q)}&sort=-name`)).body.data.map((c) => c.name);
    expect(await search("ada@dw")).toEqual(["Ada Lovelace"]);
    expect(await search("7946")).toEqual(["Charles Babbage"]);
    expect(await search("difference works")).toEqual(["Charles Babbage", "Ada Lovelace"]);
    const primaries = await admin.get<List>("/api/v1/contacts?isPrimary=true");
    expect(primaries.body.data.every((c) => c.isPrimary)).toBe(true);
    const paged = await admin.get<List>("/api/v1/contacts?limit=2&sort=name");
    expect(paged.body.data).toHaveLength(2);
    const next = await admin.get<List>(`/api/v1/contacts?limit=2&sort=name&cursor=${paged.body.nextCursor}`);
    expect(next.body.data[0]?.name.localeCompare(paged.body.data[1]?.name ?? "")).toBeGreaterThan(0);
  });
});

describe("contacts: primary contact", () => {
  it("keeps at most one primary contact per customer: a new primary clears the old one, audited", async () => {
    const customer = (await admin.post<{ id: string }>("/api/v1/customers", { name: "Primary Co" })).body.id;
    const first = await create({ customerId: customer, name: "First", isPrimary: true });
    const second = await create({ customerId: customer, name: "Second" });
    expect(first.body.isPrimary).toBe(true);

    const promoted = await admin.patch<Contact>(`/api/v1/contacts/${second.body.id}`, {
      version: 1,
      isPrimary: true,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.isPrimary).toBe(true);
    const demoted = await get(first.body.id);
    expect(demoted).toMatchObject({ isPrimary: false, version: 2 });
    const audit = await admin.get<Audit>(`/api/v1/contacts/${first.body.id}/audit`);
    expect(audit.body.data[0]?.changes).toEqual([{ field: "isPrimary", from: true, to: false }]);

    // A third contact created as primary takes the mark again; still exactly one.
    await create({ customerId: customer, name: "Third", isPrimary: true });
    const primaries = await admin.get<List>(`/api/v1/contacts?customerId=${customer}&isPrimary=true`);
    expect(primaries.body.data.map((c) => c.name)).toEqual(["Third"]);

    // A trashed former primary comes back without the mark colliding.
    await admin.delete(`/api/v1/contacts/${second.body.id}`);
    expect((await admin.post(`/api/v1/contacts/${second.body.id}/restore`)).status).toBe(200);
    expect((await get(second.body.id)).isPrimary).toBe(false);
  });

  it("refuses a primary contact without a customer", async () => {
    const res = await create({ name: "Nobody's", isPrimary: true });
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.details[0]?.path).toBe("isPrimary");
  });
});

describe("contacts: customer links", () => {
  it("answers 422 naming customerId for a customer the caller cannot see, and creates nothing", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Own only",
      permissions: {
        customers: { actions: ["view"], scope: "own" },
        contacts: { actions: ["view", "create", "edit"], scope: "own" },
      },
    });
    await admin.post("/api/v1/users", {
      name: "Rep",
      email: "rep@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    const rep = await ctx.signIn("rep@acme.test", PASSWORD);
    const before = await countAll();
    for (const target of [customerId, "0190b2a4-0000-7000-8000-000000000000"]) {
      const res = await rep.post<ErrorBody>("/api/v1/contacts", { name: "Sneaky", customerId: target });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]?.path).toBe("customerId");
    }
    expect(await countAll()).toBe(before);

    // Moving an existing contact of theirs to that customer is refused the same way.
    const mine = await rep.post<Contact>("/api/v1/contacts", { name: "Mine" });
    expect(mine.status).toBe(201);
    const moved = await rep.patch<ErrorBody>(`/api/v1/contacts/${mine.body.id}`, { version: 1, customerId });
    expect(moved.status).toBe(422);
    expect((await get(mine.body.id)).customerId).toBeNull();
  });

  it("shows a new contact on the customer's timeline, only to those who may see it", async () => {
    const customer = (await admin.post<{ id: string }>("/api/v1/customers", { name: "Timeline Works" })).body.id;
    const c = await create({ customerId: customer, name: "Grace Hopper", title: "Rear Admiral" });
    type Timeline = { data: { kind: string; title: string; entity: { type: string; id: string } | null }[] };
    const timeline = await admin.get<Timeline>(`/api/v1/customers/${customer}/timeline?kinds=contact`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.data).toEqual([
      expect.objectContaining({ kind: "contact", title: "Grace Hopper", entity: { type: "contact", id: c.body.id } }),
    ]);
    const everything = await admin.get<Timeline>(`/api/v1/customers/${customer}/timeline`);
    expect(everything.body.data.map((e) => e.kind)).toEqual(["contact", "change"]);

    await admin.delete(`/api/v1/contacts/${c.body.id}`);
    const after = await admin.get<Timeline>(`/api/v1/customers/${customer}/timeline?kinds=contact`);
    expect(after.body.data).toEqual([]);
  });
});
