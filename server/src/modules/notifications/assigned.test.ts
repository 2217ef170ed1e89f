import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { actorOfUser } from "../../platform/auth/actor.ts";
import type { Actor } from "../../platform/permissions.ts";
import { customerResource } from "../customers/service.ts";
import { addPerson } from "../pool/test-support.ts";
import { setMember } from "../sharing/service.ts";
import { taskResource } from "../tasks/service.ts";
import { notifyCustomersGiven } from "./assigned.ts";
import { notifications } from "./table.ts";

type Notice = {
  id: string;
  kind: string;
  params: Record<string, string | number | null>;
  link: { type: string; id: string } | null;
  readAt: string | null;
};
type Person = { id: string; client: ApiClient };

let ctx: TestContext;
let admin: ApiClient;
let manager: Person;
let rep1: Person;
let rep2: Person;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  manager = await addPerson(ctx, admin, "manager", "Sales manager");
  rep1 = await addPerson(ctx, admin, "rep1", "Sales rep", manager.id);
  rep2 = await addPerson(ctx, admin, "rep2", "Sales rep", manager.id);
});
afterAll(() => ctx.close());

/** What a person's bell lists, newest first. */
async function bell(person: Person): Promise<Notice[]> {
  const res = await person.client.get<{ data: Notice[] }>("/api/v1/notifications?limit=100");
  expect(res.status).toBe(200);
  return res.body.data;
}

/** The notices about one record (or one customer list) in a person's bell. */
const about = async (person: Person, id: string) => (await bell(person)).filter((n) => n.link?.id === id);

async function actorOf(person: Person): Promise<Actor> {
  const actor = await actorOfUser(ctx.handle.db, person.id);
  if (!actor) throw new Error("no actor");
  return actor;
}

/** Runs a change in a transaction that is then undone, as a failure after the write would. */
async function undone(change: (tx: Parameters<Parameters<typeof ctx.handle.db.transaction>[0]>[0]) => Promise<void>) {
  const oops = new Error("undone on purpose");
  await expect(
    ctx.handle.db.transaction(async (tx) => {
      await change(tx);
      throw oops;
    }),
  ).rejects.toBe(oops);
}

async function customerOf(owner: Person, name: string) {
  const res = await admin.post<{ id: string; version: number }>("/api/v1/customers", { name, ownerId: owner.id });
  expect(res.status).toBe(201);
  return res.body;
}

describe("a task assigned to you", () => {
  it("tells the assignee who gave them which task, on create and on reassignment", async () => {
    const created = await manager.client.post<{ id: string; version: number }>("/api/v1/tasks", {
      title: "回访蓝海贸易",
      ownerId: rep1.id,
    });
    expect(created.status).toBe(201);
    const [notice] = await about(rep1, created.body.id);
    expect(notice).toMatchObject({
      kind: "taskAssigned",
      params: { title: "回访蓝海贸易", by: "manager" },
      link: { type: "task", id: created.body.id },
      readAt: null,
    });
    expect(await about(manager, created.body.id)).toEqual([]);

    const moved = await manager.client.patch<{ version: number }>(`/api/v1/tasks/${created.body.id}`, {
      version: created.body.version,
      ownerId: rep2.id,
    });
    expect(moved.status).toBe(200);
    expect((await about(rep2, created.body.id)).map((n) => n.kind)).toEqual(["taskAssigned"]);
    // An edit that keeps the assignee tells nobody again.
    await manager.client.patch(`/api/v1/tasks/${created.body.id}`, { version: moved.body.version, title: "改期" });
    expect(await about(rep2, created.body.id)).toHaveLength(1);
    expect(await about(rep1, created.body.id)).toHaveLength(1);
  });

  it("leaves a notice out of the bell while its task is in the trash, and brings it back on restore", async () => {
    const task = await manager.client.post<{ id: string }>("/api/v1/tasks", {
      title: "Soon trashed",
      ownerId: rep2.id,
    });
    const unread = async () =>
      (await rep2.client.get<{ count: number }>("/api/v1/notifications/unread-count")).body.count;
    const before = await unread();
    expect(await about(rep2, task.body.id)).toHaveLength(1);
    expect((await manager.client.delete(`/api/v1/tasks/${task.body.id}`)).status).toBe(204);
    expect(await about(rep2, task.body.id)).toEqual([]);
    expect(await unread()).toBe(before - 1);
    expect((await manager.client.post(`/api/v1/tasks/${task.body.id}/restore`, {})).status).toBe(200);
    expect(await about(rep2, task.body.id)).toHaveLength(1);
    expect(await unread()).toBe(before);
  });

  it("says nothing when you assign yourself or the task is already finished", async () => {
    const own = await rep1.client.post<{ id: string; version: number }>("/api/v1/tasks", { title: "My own" });
    expect(own.status).toBe(201);
    expect(await about(rep1, own.body.id)).toEqual([]);
    const done = await manager.client.post<{ id: string }>("/api/v1/tasks", {
      title: "Already done",
      ownerId: rep1.id,
      status: "done",
    });
    expect(done.status).toBe(201);
    expect(await about(rep1, done.body.id)).toEqual([]);
    // Taking a colleague's task yourself is not news to you either.
    const theirs = await manager.client.post<{ id: string; version: number }>("/api/v1/tasks", {
      title: "Up for grabs",
      ownerId: manager.id,
    });
    const taken = await manager.client.patch(`/api/v1/tasks/${theirs.body.id}`, {
      version: theirs.body.version,
      ownerId: manager.id,
      title: "Still mine",
    });
    expect(taken.status).toBe(200);
    expect(await about(manager, theirs.body.id)).toEqual([]);
  });

  it("leaves no notice when the save is undone", async () => {
    const actor = await actorOf(manager);
    let id = "";
    await undone(async (tx) => {
      id = (await taskResource.create(tx, actor, { title: "Never saved", ownerId: rep1.id } as never)).id;
    });
    expect(id).not.toBe("");
    expect(await ctx.handle.db.select().from(notifications).where(eq(notifications.linkId, id))).toEqual([]);
  });
});

describe("a customer given to you", () => {
  it("tells the new owner of a transfer who made it and why; claims and releases tell nobody", async () => {
    const c = await customerOf(rep1, "星辰科技");
    const headers = { "idempotency-key": "transfer-star-1" };
    const body = { ownerId: rep2.id, reason: "rep1 换区域" };
    const first = await manager.client.post(`/api/v1/customers/${c.id}/transfer`, body, headers);
    expect(first.status).toBe(200);
    // A retried request (same key) changes nothing more and tells nobody twice.
    const retry = await manager.client.post(`/api/v1/customers/${c.id}/transfer`, body, headers);
    expect([retry.status, retry.body]).toEqual([200, first.body]);
    const notices = await about(rep2, c.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "customerTransferred",
      params: { name: "星辰科技", by: "manager", reason: "rep1 换区域" },
      link: { type: "customer", id: c.id },
    });
    expect(await about(rep1, c.id)).toEqual([]);

    // rep2 releases it, rep1 claims it back: neither hears of it.
    const released = await rep2.client.post(`/api/v1/customers/${c.id}/release`, { reason: "not mine" });
    expect(released.status).toBe(200);
    const claimed = await rep1.client.post(`/api/v1/pool/customers/${c.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(await about(rep1, c.id)).toEqual([]);
    expect(await about(rep2, c.id)).toHaveLength(1);
    // A manager taking a customer for themselves is not news to them.
    const toSelf = { ownerId: manager.id, reason: "mine now" };
    expect((await manager.client.post(`/api/v1/customers/${c.id}/transfer`, toSelf)).status).toBe(200);
    expect(await about(manager, c.id)).toEqual([]);
  });

  it("tells the new owner of a bulk transfer once, opening their customer list", async () => {
    const lot = await Promise.all(["甲", "乙", "丙"].map((n) => customerOf(rep1, `批量 ${n}`)));
    const res = await manager.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "transfer",
      ids: lot.map((c) => c.id),
      ownerId: rep2.id,
      reason: "离职交接",
    });
    expect(res.status).toBe(200);
    const notices = await about(rep2, rep2.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "customersTransferred",
      params: { count: 3, by: "manager", reason: "离职交接" },
      link: { type: "customersOwnedBy", id: rep2.id },
    });
    for (const c of lot) expect(await about(rep2, c.id)).toEqual([]);
    // The same request again finds them all transferred already: nothing changes, nobody is told.
    const again = await manager.client.post("/api/v1/customers/bulk", {
      action: "transfer",
      ids: lot.map((c) => c.id),
      ownerId: rep2.id,
      reason: "离职交接",
    });
    expect(again.status).toBe(200);
    expect(await about(rep2, rep2.id)).toHaveLength(1);
  });

  it("names the one customer of a bulk transfer of one", async () => {
    const one = await customerOf(rep2, "单个客户");
    const res = await manager.client.post("/api/v1/customers/bulk", {
      action: "transfer",
      ids: [one.id],
      ownerId: rep1.id,
      reason: "balance",
    });
    expect(res.status).toBe(200);
    expect((await about(rep1, one.id)).map((n) => [n.kind, n.params.name])).toEqual([
      ["customerTransferred", "单个客户"],
    ]);
  });

  it("leaves no notice when the bulk transfer fails and is undone", async () => {
    const ours = await customerOf(rep2, "Undone transfer");
    const outsider = await addPerson(ctx, admin, "outsider", "Sales rep");
    const foreign = await customerOf(outsider, "Out of the manager's reach");
    const res = await manager.client.post("/api/v1/customers/bulk", {
      action: "transfer",
      ids: [ours.id, foreign.id],
      ownerId: rep1.id,
      reason: "x",
    });
    expect(res.status).toBe(404);
    const rows = await ctx.handle.db.select().from(notifications).where(eq(notifications.userId, rep1.id));
    expect(rows.filter((n) => n.linkId === ours.id || n.params.name === "Undone transfer")).toEqual([]);
    expect(rows.filter((n) => n.kind === "customersTransferred")).toEqual([]);
  });

  it("writes a notice once per transfer, however often it is told", async () => {
    const c = await customerOf(rep1, "Told twice");
    const actor = await actorOf(manager);
    const given = [{ id: c.id, name: "Told twice", version: 7 }];
    await notifyCustomersGiven(ctx.handle.db, actor, rep2.id, given, "retry");
    await notifyCustomersGiven(ctx.handle.db, actor, rep2.id, given, "retry");
    expect(await about(rep2, c.id)).toHaveLength(1);
  });
});

describe("added to a record's team", () => {
  const share = (by: Person, path: string, userId: string, access: "read" | "write") =>
    by.client.request("PUT", `${path}/members/${userId}`, { access });

  it("tells the member of joining and of a raise to write, not of a lowering", async () => {
    const c = await customerOf(rep1, "团队客户");
    const path = `/api/v1/customers/${c.id}`;
    expect((await share(rep1, path, rep2.id, "read")).status).toBeLessThan(300);
    expect((await about(rep2, c.id)).map((n) => [n.kind, n.params])).toEqual([
      ["teamMemberAdded", { name: "团队客户", access: "read", by: "rep1", type: "customer" }],
    ]);
    // The same access again changes nothing.
    await share(rep1, path, rep2.id, "read");
    expect(await about(rep2, c.id)).toHaveLength(1);
    await share(rep1, path, rep2.id, "write");
    expect((await about(rep2, c.id)).map((n) => [n.kind, n.params.access])).toEqual([
      ["teamAccessRaised", "write"],
      ["teamMemberAdded", "read"],
    ]);
    await share(rep1, path, rep2.id, "read");
    expect(await about(rep2, c.id)).toHaveLength(2);
    // Leaving and joining again is news again.
    expect((await rep1.client.delete(`${path}/members/${rep2.id}`)).status).toBeLessThan(300);
    await share(rep1, path, rep2.id, "write");
    expect((await about(rep2, c.id)).map((n) => n.kind)).toEqual([
      "teamMemberAdded",
      "teamAccessRaised",
      "teamMemberAdded",
    ]);
    expect(await about(rep1, c.id)).toEqual([]);
  });

  it("names a contact and links to it", async () => {
    const contact = await rep1.client.post<{ id: string }>("/api/v1/contacts", { name: "李雷" });
    expect(contact.status).toBe(201);
    await share(rep1, `/api/v1/contacts/${contact.body.id}`, rep2.id, "write");
    expect(await about(rep2, contact.body.id)).toEqual([
      expect.objectContaining({
        kind: "teamMemberAdded",
        params: { name: "李雷", access: "write", by: "rep1", type: "contact" },
        link: { type: "contact", id: contact.body.id },
      }),
    ]);
  });

  it("leaves no notice when the change is undone", async () => {
    const c = await customerOf(rep1, "Undone share");
    const actor = await actorOf(rep1);
    const target = { objectType: "customers", entityType: "customer", resource: customerResource };
    await undone((tx) => setMember(tx, actor, target, c.id, rep2.id, "write"));
    expect(await about(rep2, c.id)).toEqual([]);
  });
});
