import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";
import { addPerson } from "./test-support.ts";

type Customer = { id: string; name: string; version: number; ownerId: string | null; ownerAssignedAt: string };
type List = { data: Customer[]; nextCursor: string | null };
type Audit = { data: { changes: { field: string; from: unknown; to: unknown }[] }[] };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let settingsVersion = 1;
const people: Record<string, { id: string; client: ApiClient }> = {};

async function person(key: string, role: string, managerId: string | null = null) {
  people[key] = await addPerson(ctx, admin, key, role, managerId);
  return people[key];
}

const who = (key: string) => {
  const p = people[key];
  if (!p) throw new Error(`no ${key}`);
  return p;
};

async function inPool(name: string): Promise<Customer> {
  const res = await admin.post<Customer>("/api/v1/customers", { name, ownerId: null });
  expect(res.status).toBe(201);
  return res.body;
}

async function ownedBy(key: string, name: string): Promise<Customer> {
  const res = await admin.post<Customer>("/api/v1/customers", { name, ownerId: who(key).id });
  expect(res.status).toBe(201);
  return res.body;
}

async function setLimit(maxOwnedCustomers: number | null) {
  const res = await admin.request<{ version: number }>("PUT", "/api/v1/pool/settings", {
    version: settingsVersion,
    maxOwnedCustomers,
    reclaimRules: [],
  });
  expect(res.status).toBe(200);
  settingsVersion = res.body.version;
}

const changesOf = async (id: string) =>
  (await admin.get<Audit>(`/api/v1/customers/${id}/audit`)).body.data.map((e) => e.changes);

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  const manager = await person("manager", "Sales manager");
  await person("rep1", "Sales rep", manager.id);
  await person("rep2", "Sales rep", manager.id);
  await person("reader", "Read only");
});
afterAll(() => ctx.close());

describe("the public pool", () => {
  it("lists owner-less customers to those with the pool permission, never in a rep's customer list", async () => {
    const c = await inPool("Pooled Ltd");
    const pool = await who("rep1").client.get<List>("/api/v1/pool/customers?q=pooled");
    expect(pool.status).toBe(200);
    expect(pool.body.data.map((x) => x.id)).toEqual([c.id]);
    // Never owned: nothing to say about how it came to the pool.
    expect(pool.body.data[0]).toMatchObject({
      releaseReason: null,
      reclaimRule: null,
      previousOwnerId: null,
      previousOwnerName: null,
    });
    const mine = await who("rep1").client.get<List>("/api/v1/customers?q=pooled");
    expect(mine.body.data).toEqual([]);
    expect((await who("rep1").client.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    expect((await who("reader").client.get("/api/v1/pool/customers")).status).toBe(403);
    // Owned customers are not in the pool.
    await ownedBy("rep2", "Owned pooled Ltd");
    const again = await who("rep1").client.get<List>("/api/v1/pool/customers?q=pooled");
    expect(again.body.data.map((x) => x.name)).toEqual(["Pooled Ltd"]);
  });

  it("claims a customer for the caller and records it in the history and timeline", async () => {
    const c = await inPool("Claimable Co");
    const res = await who("rep1").client.post<Customer>(`/api/v1/pool/customers/${c.id}/claim`);
    expect(res.status).toBe(200);
    expect(res.body.ownerId).toBe(who("rep1").id);
    expect(new Date(res.body.ownerAssignedAt).getTime()).toBeGreaterThan(new Date(c.ownerAssignedAt).getTime());
    expect((await changesOf(c.id))[0]).toContainEqual({ field: "ownerId", from: null, to: who("rep1").id });
    const timeline = await who("rep1").client.get<{ data: { kind: string }[] }>(`/api/v1/customers/${c.id}/timeline`);
    expect(timeline.body.data[0]?.kind).toBe("change");
    const second = await who("rep2").client.post<ErrorBody>(`/api/v1/pool/customers/${c.id}/claim`);
    expect(second.status).toBe(409);
    expect((await who("reader").client.post(`/api/v1/pool/customers/${c.id}/claim`)).status).toBe(403);
  });

  it("never lets two racing claims take one customer", async () => {
    const c = await inPool("Raced Inc");
    const results = await Promise.all(
      ["rep1", "rep2"].map((k) => who(k).client.post(`/api/v1/pool/customers/${c.id}/claim`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const audit = await changesOf(c.id);
    expect(audit.filter((changes) => changes.some((ch) => ch.field === "ownerId"))).toHaveLength(1);
  });

  it("holds the claim limit, also for claims racing each other", async () => {
    const manager = who("manager");
    const owned = (await manager.client.get<{ ownedByMe: number }>("/api/v1/pool/settings")).body.ownedByMe;
    await setLimit(owned + 2);
    const candidates = await Promise.all(["L1", "L2", "L3", "L4"].map((n) => inPool(`Limit ${n}`)));
    const results = await Promise.all(
      candidates.map((c) => manager.client.post<ErrorBody>(`/api/v1/pool/customers/${c.id}/claim`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(2);
    expect(refused[0]?.body.error.details[0]?.message).toMatch(/limit/);
    const after = await manager.client.get<{ ownedByMe: number; maxOwnedCustomers: number }>("/api/v1/pool/settings");
    expect(after.body.ownedByMe).toBe(owned + 2);
    await setLimit(null);
  });

  it("lets only administrators change the pool's rules, with valid values", async () => {
    const rep = await who("rep1").client.request("PUT", "/api/v1/pool/settings", {
      version: settingsVersion,
      maxOwnedCustomers: 1,
      reclaimRules: [],
    });
    expect(rep.status).toBe(403);
    const bad = await admin.request<ErrorBody>("PUT", "/api/v1/pool/settings", {
      version: settingsVersion,
      maxOwnedCustomers: -1,
      reclaimRules: [{ level: null, noFollowUpDays: null, noDealDays: null, noticeDays: 1 }],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d) => d.path);
    expect(paths).toContain("maxOwnedCustomers");
    expect(paths).toContain("reclaimRules.0.noFollowUpDays");
    const unusable = async (rule: Record<string, unknown>) => {
      const res = await admin.request<ErrorBody>("PUT", "/api/v1/pool/settings", {
        version: settingsVersion,
        maxOwnedCustomers: null,
        reclaimRules: [{ level: null, noFollowUpDays: 30, noDealDays: null, noticeDays: 5, ...rule }],
      });
      expect(res.status).toBe(400);
      return res.body.error.details.map((d) => d.path);
    };
    expect(await unusable({ level: "ZZZ" })).toEqual(["reclaimRules.0.level"]);
    expect(await unusable({ noFollowUpDays: 5, noticeDays: 30 })).toEqual(["reclaimRules.0.noticeDays"]);
    expect(await unusable({ noFollowUpDays: null, noDealDays: 7, noticeDays: 7 })).toEqual([
      "reclaimRules.0.noticeDays",
    ]);
    const stale = await admin.request("PUT", "/api/v1/pool/settings", {
      version: settingsVersion + 5,
      maxOwnedCustomers: 1,
      reclaimRules: [],
    });
    expect(stale.status).toBe(409);
  });
});

describe("release and transfer", () => {
  it("releases to the pool with a reason, kept in the history", async () => {
    const c = await ownedBy("rep1", "Releasable");
    const noReason = await who("rep1").client.post<ErrorBody>(`/api/v1/customers/${c.id}/release`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]?.path).toBe("reason");
    expect((await who("rep2").client.post(`/api/v1/customers/${c.id}/release`, { reason: "x" })).status).toBe(404);
    const res = await who("rep1").client.post(`/api/v1/customers/${c.id}/release`, { reason: "No budget this year" });
    // Seeing only their own customers, the rep no longer sees one in the pool: its page would be a 404.
    expect([res.status, res.body]).toEqual([200, { visible: false }]);
    expect((await who("rep1").client.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    const pool = await who("rep2").client.get<List>("/api/v1/pool/customers?q=releasable");
    expect(pool.body.data.map((x) => x.id)).toEqual([c.id]);
    expect((await changesOf(c.id))[0]).toEqual([
      { field: "ownerId", from: who("rep1").id, to: null },
      { field: "reason", from: null, to: "No budget this year" },
    ]);
  });

  it("shows in the pool why each customer was released, whose it was and its last follow-up", async () => {
    const c = await ownedBy("rep1", "Context Co");
    const occurredAt = "2026-01-05T02:00:00.000Z";
    const visit = await who("rep1").client.post("/api/v1/follow-ups", {
      customerId: c.id,
      kind: "visit",
      content: "Met the buyer",
      occurredAt,
    });
    expect(visit.status).toBe(201);
    await who("rep1").client.post(`/api/v1/customers/${c.id}/release`, { reason: "Budget cancelled" });
    const poolRow = async () => (await who("rep2").client.get<List>("/api/v1/pool/customers?q=context")).body.data[0];
    expect(await poolRow()).toMatchObject({
      id: c.id,
      releaseReason: "Budget cancelled",
      reclaimRule: null,
      previousOwnerId: who("rep1").id,
      previousOwnerName: "rep1",
      lastFollowUpAt: occurredAt,
    });

    // Claimed and released again: the latest release speaks.
    expect((await who("rep2").client.post(`/api/v1/pool/customers/${c.id}/claim`)).status).toBe(200);
    await who("rep2").client.post(`/api/v1/customers/${c.id}/release`, { reason: "Outside my region" });
    expect(await poolRow()).toMatchObject({ releaseReason: "Outside my region", previousOwnerName: "rep2" });
  });

  it("sorts the pool by last follow-up, customers without one last, as the pool page offers", async () => {
    const followed = await ownedBy("rep1", "Sorted Followed Co");
    const silent = await ownedBy("rep1", "Sorted Silent Co");
    await who("rep1").client.post("/api/v1/follow-ups", {
      customerId: followed.id,
      kind: "call",
      content: "Called once",
      occurredAt: "2026-02-01T02:00:00.000Z",
    });
    for (const c of [followed, silent])
      await who("rep1").client.post(`/api/v1/customers/${c.id}/release`, { reason: "Not now" });
    for (const sort of ["lastFollowUpAt", "-lastFollowUpAt"]) {
      const res = await who("rep2").client.get<List>(`/api/v1/pool/customers?q=sorted&sort=${sort}`);
      expect(res.status).toBe(200);
      expect(res.body.data.map((c) => c.id)).toEqual([followed.id, silent.id]);
    }
  });

  it("hands the customer's contacts and history to its new owner, and takes them from the old one", async () => {
    const rep1 = who("rep1").client;
    const rep2 = who("rep2").client;
    const c = await ownedBy("rep1", "Handover Ltd");
    const contact = await rep1.post<{ id: string }>("/api/v1/contacts", { name: "Buyer Wu", customerId: c.id });
    const visit = await rep1.post<{ id: string; version: number }>("/api/v1/follow-ups", {
      customerId: c.id,
      kind: "visit",
      content: "Met the buyer",
    });
    const sees = async (client: ApiClient) => ({
      contacts: (await client.get<List>(`/api/v1/contacts?customerId=${c.id}`)).body.data?.length ?? 0,
      followUps: (await client.get<List>(`/api/v1/follow-ups?customerId=${c.id}`)).body.data?.length ?? 0,
    });
    expect(await sees(rep1)).toEqual({ contacts: 1, followUps: 1 });

    await rep1.post(`/api/v1/customers/${c.id}/release`, { reason: "Moving region" });
    expect(await sees(rep1)).toEqual({ contacts: 0, followUps: 0 });
    expect((await rep2.post(`/api/v1/pool/customers/${c.id}/claim`)).status).toBe(200);
    expect(await sees(rep2)).toEqual({ contacts: 1, followUps: 1 });
    // The contact is now the new owner's to change; the follow-up stays its author's.
    const contactNow = await rep2.get<{ ownerId: string; version: number }>(`/api/v1/contacts/${contact.body.id}`);
    expect(contactNow.body.ownerId).toBe(who("rep2").id);
    const renamed = { version: contactNow.body.version, title: "Head of purchasing" };
    expect((await rep2.patch(`/api/v1/contacts/${contact.body.id}`, renamed)).status).toBe(200);
    expect(
      (await rep2.patch(`/api/v1/follow-ups/${visit.body.id}`, { version: visit.body.version, content: "x" })).status,
    ).toBe(403);
    const history = await admin.get<Audit>(`/api/v1/contacts/${contact.body.id}/audit`);
    expect(history.body.data.map((e) => e.changes[0])).toEqual(
      expect.arrayContaining([{ field: "ownerId", from: null, to: who("rep2").id }]),
    );
  });

  it("transfers with the transfer permission to an active colleague, with a reason", async () => {
    const c = await ownedBy("rep1", "Transferable");
    const rep = await who("rep1").client.post(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: who("rep2").id,
      reason: "Leaving",
    });
    expect(rep.status).toBe(403);
    const manager = who("manager").client;
    const stranger = await addOrganization(ctx, "Other", "admin@other.test");
    const foreign = await manager.post<ErrorBody>(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: stranger.adminId,
      reason: "x",
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0]?.path).toBe("ownerId");
    const gone = await person("gone", "Sales rep");
    expect((await admin.patch(`/api/v1/users/${gone.id}`, { version: 1, active: false })).status).toBe(200);
    const inactive = await manager.post(`/api/v1/customers/${c.id}/transfer`, { ownerId: gone.id, reason: "x" });
    expect(inactive.status).toBe(422);
    const stale = await manager.post(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: who("rep2").id,
      reason: "x",
      version: c.version + 3,
    });
    expect(stale.status).toBe(409);
    const ok = await manager.post(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: who("rep2").id,
      reason: "Territory",
    });
    // rep2 is one of the manager's subordinates: the manager still sees the customer.
    expect([ok.status, ok.body]).toEqual([200, { visible: true }]);
    const now = await who("rep2").client.get<Customer>(`/api/v1/customers/${c.id}`);
    expect(now.body.ownerId).toBe(who("rep2").id);
    expect((await changesOf(c.id))[0]).toContainEqual({ field: "reason", from: null, to: "Territory" });
    // The other organization sees none of it.
    expect((await stranger.admin.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    expect((await stranger.admin.post(`/api/v1/pool/customers/${c.id}/claim`)).status).toBe(404);
    const theirPool = await stranger.admin.get<List>("/api/v1/pool/customers");
    expect(theirPool.body.data).toEqual([]);
  });

  it("tells a caller with a department scope whether they still see the customer they gave away", async () => {
    const east = await admin.post<{ id: string }>("/api/v1/departments", { name: "East" });
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Department manager",
      permissions: {
        customers: { actions: ["view", "create", "edit", "transfer"], scope: "department" },
        pool: { actions: ["view", "claim"], scope: "all" },
      },
    });
    expect([east.status, role.status]).toEqual([201, 201]);
    const inEast = async (key: string) => {
      const user = await admin.post<{ id: string }>("/api/v1/users", {
        name: key,
        email: `${key}@acme.test`,
        password: PASSWORD,
        departmentId: east.body.id,
        roleIds: [role.body.id],
      });
      expect(user.status).toBe(201);
      return { id: user.body.id, client: await ctx.signIn(`${key}@acme.test`, PASSWORD) };
    };
    const [head, colleague] = [await inEast("east-head"), await inEast("east-colleague")];
    const c = (await head.client.post<Customer>("/api/v1/customers", { name: "Eastern Star" })).body;

    // To a colleague in the department: the customer stays in the manager's scope, and a retry says the same.
    const toColleague = { ownerId: colleague.id, reason: "Closer to the client" };
    const key = { "idempotency-key": "east-transfer-1" };
    const first = await head.client.post(`/api/v1/customers/${c.id}/transfer`, toColleague, key);
    expect([first.status, first.body]).toEqual([200, { visible: true }]);
    const replay = await head.client.post(`/api/v1/customers/${c.id}/transfer`, toColleague, key);
    expect([replay.status, replay.body]).toEqual([200, { visible: true }]);
    expect((await head.client.get<Customer>(`/api/v1/customers/${c.id}`)).body.ownerId).toBe(colleague.id);

    // Given out of the department, it leaves the colleague's scope; the manager, on its team, still sees it.
    const member = `/api/v1/customers/${c.id}/members/${head.id}`;
    expect((await colleague.client.request("PUT", member, { access: "write" })).status).toBe(200);
    const away = await colleague.client.post(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: who("rep1").id,
      reason: "Moved to another region",
    });
    expect([away.status, away.body]).toEqual([200, { visible: false }]);
    expect((await colleague.client.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    const onTeam = await head.client.post(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: who("rep2").id,
      reason: "rep2 covers that region",
    });
    expect([onTeam.status, onTeam.body]).toEqual([200, { visible: true }]);
    expect((await head.client.get<Customer>(`/api/v1/customers/${c.id}`)).body.ownerId).toBe(who("rep2").id);
  });

  it("changes the owner only with a reason: an edit naming another owner is refused", async () => {
    const c = await ownedBy("rep1", "Owner since");
    await queryRows(ctx.handle.db, sql`update customers set owner_assigned_at = '2020-01-01' where id = ${c.id}`);
    // An edit may send the owner back as it is (a client echoing the record), and keeps owner-since.
    const renamed = await admin.patch<Customer>(`/api/v1/customers/${c.id}`, {
      version: c.version,
      name: "Renamed",
      ownerId: who("rep1").id,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.ownerAssignedAt).toBe("2020-01-01T00:00:00.000Z");
    const moved = await admin.patch<ErrorBody>(`/api/v1/customers/${c.id}`, {
      version: renamed.body.version,
      name: "Moved",
      ownerId: who("rep2").id,
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details[0]?.path).toBe("ownerId");
    const unchanged = await admin.get<Customer>(`/api/v1/customers/${c.id}`);
    expect(unchanged.body).toMatchObject({ name: "Renamed", ownerId: who("rep1").id, version: renamed.body.version });

    const transferred = await admin.post(`/api/v1/customers/${c.id}/transfer`, {
      ownerId: who("rep2").id,
      reason: "Territory change",
    });
    expect([transferred.status, transferred.body]).toEqual([200, { visible: true }]);
    const after = await admin.get<Customer>(`/api/v1/customers/${c.id}`);
    expect(after.body.ownerId).toBe(who("rep2").id);
    expect(new Date(after.body.ownerAssignedAt).getFullYear()).toBeGreaterThan(2020);
  });
});

describe("sharing", () => {
  it("shows a shared record to its member, editable only when shared read-write", async () => {
    const c = await ownedBy("rep1", "Shared Corp");
    const rep1 = who("rep1").client;
    const rep2 = who("rep2").client;
    expect((await rep2.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    // Only whoever may edit the record manages its members.
    expect(
      (await rep2.request("PUT", `/api/v1/customers/${c.id}/members/${who("rep2").id}`, { access: "write" })).status,
    ).toBe(404);
    const shared = await rep1.request<{ data: { userId: string; access: string }[] }>(
      "PUT",
      `/api/v1/customers/${c.id}/members/${who("rep2").id}`,
      { access: "read" },
    );
    expect(shared.status).toBe(200);
    expect(shared.body.data).toEqual([expect.objectContaining({ userId: who("rep2").id, access: "read" })]);
    const list = await rep2.get<List>("/api/v1/customers?q=shared corp");
    expect(list.body.data.map((x) => x.id)).toEqual([c.id]);
    const readOnly = await rep2.patch(`/api/v1/customers/${c.id}`, { version: c.version, name: "Mine now" });
    expect(readOnly.status).toBe(403);
    expect((await rep2.delete(`/api/v1/customers/${c.id}`)).status).toBe(403);
    expect(
      (await rep2.request("PUT", `/api/v1/customers/${c.id}/members/${who("manager").id}`, { access: "read" })).status,
    ).toBe(403);
    await rep1.request("PUT", `/api/v1/customers/${c.id}/members/${who("rep2").id}`, { access: "write" });
    const edited = await rep2.patch<Customer>(`/api/v1/customers/${c.id}`, {
      version: c.version,
      name: "Shared Corp 2",
    });
    expect(edited.status).toBe(200);
    // Editing is not giving away: a member without "transfer" may not release it to the pool.
    const released = await rep2.post<ErrorBody>(`/api/v1/customers/${c.id}/release`, { reason: "mine now" });
    expect(released.status).toBe(403);
    expect((await rep2.get<Customer>(`/api/v1/customers/${c.id}`)).body.ownerId).toBe(who("rep1").id);
    const owner = await rep1.request<ErrorBody>("PUT", `/api/v1/customers/${c.id}/members/${who("rep1").id}`, {
      access: "read",
    });
    expect(owner.status).toBe(400);
    expect(owner.body.error.details[0]?.path).toBe("userId");
    const removed = await rep1.delete<{ data: unknown[] }>(`/api/v1/customers/${c.id}/members/${who("rep2").id}`);
    expect(removed.body.data).toEqual([]);
    expect((await rep2.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    expect((await rep1.delete(`/api/v1/customers/${c.id}/members/${who("rep2").id}`)).status).toBe(404);
    const history = (await changesOf(c.id)).flat().filter((ch) => ch.field === "sharedWith");
    expect(history.map((ch) => ch.to)).toEqual([null, "rep2 (write)", "rep2 (read)"]);
  });

  it("shows a shared customer's contacts and follow-ups to its members, editable when shared read-write", async () => {
    const c = await ownedBy("rep1", "Team Corp");
    const rep1 = who("rep1").client;
    const rep2 = who("rep2").client;
    const contact = await rep1.post<{ id: string; version: number }>("/api/v1/contacts", {
      name: "Grace Hopper",
      customerId: c.id,
      isPrimary: true,
    });
    const followUp = await rep1.post<{ id: string }>("/api/v1/follow-ups", {
      customerId: c.id,
      contactIds: [contact.body.id],
      kind: "visit",
      content: "Toured the lab",
    });
    expect([contact.status, followUp.status]).toEqual([201, 201]);
    const sees = async () => ({
      contact: (await rep2.get(`/api/v1/contacts/${contact.body.id}`)).status,
      followUp: (await rep2.get(`/api/v1/follow-ups/${followUp.body.id}`)).status,
      contacts: (await rep2.get<List>(`/api/v1/contacts?customerId=${c.id}`)).body.data?.length ?? 0,
    });
    expect(await sees()).toEqual({ contact: 404, followUp: 404, contacts: 0 });

    await rep1.request("PUT", `/api/v1/customers/${c.id}/members/${who("rep2").id}`, { access: "read" });
    expect(await sees()).toEqual({ contact: 200, followUp: 200, contacts: 1 });
    const timeline = await rep2.get<{ data: { kind: string }[] }>(`/api/v1/customers/${c.id}/timeline`);
    expect(timeline.body.data.map((e) => e.kind)).toEqual(expect.arrayContaining(["contact", "followUp"]));
    const rename = { version: contact.body.version, title: "Rear admiral" };
    expect((await rep2.patch(`/api/v1/contacts/${contact.body.id}`, rename)).status).toBe(403);
    // Naming the customer's primary contact is editing the customer: not for a read-only member.
    const primary = await rep2.post<ErrorBody>("/api/v1/contacts", {
      name: "Usurper",
      customerId: c.id,
      isPrimary: true,
    });
    expect(primary.status).toBe(403);
    expect(primary.body.error.details[0]?.path).toBe("isPrimary");
    expect((await rep1.get<{ isPrimary: boolean }>(`/api/v1/contacts/${contact.body.id}`)).body.isPrimary).toBe(true);

    await rep1.request("PUT", `/api/v1/customers/${c.id}/members/${who("rep2").id}`, { access: "write" });
    expect((await rep2.patch(`/api/v1/contacts/${contact.body.id}`, rename)).status).toBe(200);

    await rep1.delete(`/api/v1/customers/${c.id}/members/${who("rep2").id}`);
    expect(await sees()).toEqual({ contact: 404, followUp: 404, contacts: 0 });
  });

  it("shares a contact of one's own with a colleague, as for customers", async () => {
    const rep1 = who("rep1").client;
    const rep2 = who("rep2").client;
    const contact = await rep1.post<{ id: string }>("/api/v1/contacts", { name: "Ada Byron" });
    expect((await rep2.get(`/api/v1/contacts/${contact.body.id}`)).status).toBe(404);
    const shared = await rep1.request<{ data: { userId: string; access: string }[] }>(
      "PUT",
      `/api/v1/contacts/${contact.body.id}/members/${who("rep2").id}`,
      { access: "read" },
    );
    expect(shared.body.data).toEqual([expect.objectContaining({ userId: who("rep2").id, access: "read" })]);
    expect((await rep2.get(`/api/v1/contacts/${contact.body.id}`)).status).toBe(200);
    const audit = await rep1.get<Audit>(`/api/v1/contacts/${contact.body.id}/audit`);
    expect(audit.body.data[0]?.changes).toEqual([{ field: "sharedWith", from: null, to: "rep2 (read)" }]);
  });

  it("refuses members from another organization", async () => {
    const c = await ownedBy("rep1", "Not for strangers");
    const other = await addOrganization(ctx, "Third", "admin@third.test");
    const res = await who("rep1").client.request("PUT", `/api/v1/customers/${c.id}/members/${other.adminId}`, {
      access: "read",
    });
    expect(res.status).toBe(422);
    expect((await other.admin.get(`/api/v1/customers/${c.id}/members`)).status).toBe(404);
  });
});
