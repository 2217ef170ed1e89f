import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { addPerson } from "./test-support.ts";

type Customer = { id: string; name: string; version: number; ownerId: string | null };
type PoolCustomer = Customer & { releaseReason: string | null; previousOwnerName: string | null };
type List<T = { id: string }> = { data: T[]; nextCursor: string | null };
type Entry = { id: string; kind: string; data: Record<string, unknown> };
type ErrorBody = { error: { code: string; details: { path: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let rep1: ApiClient;
let rep2: ApiClient;
let reader: ApiClient;
let rep2Id = "";

/** A customer of rep2's with a contact and a follow-up: the history a pool customer brings along. */
async function withHistory(name: string) {
  const customer = await admin.post<Customer>("/api/v1/customers", { name, ownerId: rep2Id });
  const contact = await rep2.post<{ id: string; version: number }>("/api/v1/contacts", {
    name: `${name} buyer`,
    customerId: customer.body.id,
    phones: [{ number: "13800138000" }],
  });
  const followUp = await rep2.post<{ id: string }>("/api/v1/follow-ups", {
    customerId: customer.body.id,
    contactIds: [contact.body.id],
    kind: "call",
    content: `${name}: budget frozen until spring`,
  });
  expect([customer.status, contact.status, followUp.status]).toEqual([201, 201, 201]);
  return {
    customer: customer.body,
    contactId: contact.body.id,
    contactVersion: contact.body.version,
    followUpId: followUp.body.id,
  };
}

async function release(id: string, reason: string) {
  expect((await rep2.post(`/api/v1/customers/${id}/release`, { reason })).status).toBe(200);
}

/** What a pool viewer gets from the three preview routes: statuses, and the bodies when found. */
async function preview(client: ApiClient, id: string) {
  const customer = await client.get<PoolCustomer>(`/api/v1/pool/customers/${id}`);
  const contacts = await client.get<List<{ id: string; name: string }>>(`/api/v1/pool/customers/${id}/contacts`);
  const timeline = await client.get<List<Entry>>(`/api/v1/pool/customers/${id}/timeline`);
  return { customer, contacts, timeline, statuses: [customer.status, contacts.status, timeline.status] };
}

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  rep1 = (await addPerson(ctx, admin, "rep1", "Sales rep")).client;
  const second = await addPerson(ctx, admin, "rep2", "Sales rep");
  rep2 = second.client;
  rep2Id = second.id;
  reader = (await addPerson(ctx, admin, "reader", "Read only")).client;
});
afterAll(() => ctx.close());

describe("a pool customer's page", () => {
  it("shows a pool viewer the customer, why it is in the pool, its contacts and its follow-ups", async () => {
    const { customer, contactId, followUpId } = await withHistory("Previewed Ltd");
    await release(customer.id, "Budget frozen");

    const seen = await preview(rep1, customer.id);
    expect(seen.statuses).toEqual([200, 200, 200]);
    expect(seen.customer.body).toMatchObject({
      id: customer.id,
      name: "Previewed Ltd",
      ownerId: null,
      releaseReason: "Budget frozen",
      previousOwnerName: "rep2",
    });
    expect(seen.contacts.body.data.map((c) => [c.id, c.name])).toEqual([[contactId, "Previewed Ltd buyer"]]);
    const entries = seen.timeline.body.data;
    const followUp = entries.find((e) => e.kind === "followUp");
    expect(followUp).toMatchObject({
      id: followUpId,
      data: {
        content: "Previewed Ltd: budget frozen until spring",
        contacts: [{ id: contactId, name: "Previewed Ltd buyer" }],
      },
    });
    expect(entries.some((e) => e.kind === "contact" && e.id === contactId)).toBe(true);
    // The release and its reason, as the customer's own history tells it.
    const released = entries.find((e) => e.kind === "change" && JSON.stringify(e.data).includes("Budget frozen"));
    expect(released).toBeDefined();

    const onlyFollowUps = await rep1.get<List<Entry>>(`/api/v1/pool/customers/${customer.id}/timeline?kinds=followUp`);
    expect(onlyFollowUps.body.data.map((e) => e.kind)).toEqual(["followUp"]);
    const unknownKind = await rep1.get<ErrorBody>(`/api/v1/pool/customers/${customer.id}/timeline?kinds=deal`);
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.details[0]?.path).toBe("kinds");
  });

  it("reads them only there, and changes nothing: writing still takes the claim", async () => {
    const { customer, contactId, contactVersion, followUpId } = await withHistory("Look Only Co");
    await release(customer.id, "Moved away");
    expect((await preview(rep1, customer.id)).statuses).toEqual([200, 200, 200]);

    // The pool widens no list, record page or customer timeline of the rep's.
    expect((await rep1.get(`/api/v1/customers/${customer.id}`)).status).toBe(404);
    expect((await rep1.get(`/api/v1/customers/${customer.id}/timeline`)).status).toBe(404);
    expect((await rep1.get(`/api/v1/contacts/${contactId}`)).status).toBe(404);
    expect((await rep1.get(`/api/v1/follow-ups/${followUpId}`)).status).toBe(404);
    expect((await rep1.get<List>(`/api/v1/contacts?customerId=${customer.id}`)).body.data).toEqual([]);
    expect((await rep1.get<List>(`/api/v1/follow-ups?customerId=${customer.id}`)).body.data).toEqual([]);
    expect((await rep1.get<List>("/api/v1/contacts?q=Look%20Only")).body.data).toEqual([]);

    const rename = await rep1.patch(`/api/v1/contacts/${contactId}`, { version: contactVersion, title: "Boss" });
    expect(rename.status).toBe(404);
    const logged = await rep1.post<ErrorBody>("/api/v1/follow-ups", {
      customerId: customer.id,
      kind: "note",
      content: "Sneaky",
    });
    expect(logged.status).toBe(422);
    expect(logged.body.error.details[0]?.path).toBe("customerId");
    const viaContact = await rep1.post<ErrorBody>("/api/v1/follow-ups", {
      contactIds: [contactId],
      kind: "note",
      content: "Sneaky",
    });
    expect(viaContact.status).toBe(422);
    expect(
      (await rep1.get<List<Entry>>(`/api/v1/pool/customers/${customer.id}/timeline?kinds=followUp`)).body.data,
    ).toHaveLength(1);
  });

  it("does not widen what a pool viewer reads of customers that have an owner", async () => {
    const { customer, contactId, followUpId } = await withHistory("Owned Elsewhere");
    expect((await preview(rep1, customer.id)).statuses).toEqual([404, 404, 404]);
    expect((await rep1.get(`/api/v1/contacts/${contactId}`)).status).toBe(404);
    expect((await rep1.get(`/api/v1/follow-ups/${followUpId}`)).status).toBe(404);
    expect((await rep1.get<List>(`/api/v1/contacts?customerId=${customer.id}`)).body.data).toEqual([]);
    expect((await rep1.get<List>(`/api/v1/follow-ups?customerId=${customer.id}`)).body.data).toEqual([]);
  });

  it("answers 404 for a trashed customer and another organization's, and 403 without pool view", async () => {
    const trashed = await admin.post<Customer>("/api/v1/customers", { name: "Binned Pool Co", ownerId: null });
    expect((await admin.delete(`/api/v1/customers/${trashed.body.id}`)).status).toBe(204);
    expect((await preview(rep1, trashed.body.id)).statuses).toEqual([404, 404, 404]);

    const other = await addOrganization(ctx, "Elsewhere", "admin@elsewhere.test");
    const theirs = await other.admin.post<Customer>("/api/v1/customers", { name: "Their Pool Co", ownerId: null });
    expect(theirs.status).toBe(201);
    expect((await preview(rep1, theirs.body.id)).statuses).toEqual([404, 404, 404]);
    expect((await preview(other.admin, theirs.body.id)).statuses).toEqual([200, 200, 200]);

    const pooled = await admin.post<Customer>("/api/v1/customers", { name: "Unseen Pool Co", ownerId: null });
    expect((await preview(reader, pooled.body.id)).statuses).toEqual([403, 403, 403]);
  });

  it("shows the follow-ups to a pool role without any customer permission", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Pool scout",
      permissions: {
        pool: { actions: ["view"], scope: "all" },
        contacts: { actions: ["view"], scope: "own" },
        followUps: { actions: ["view"], scope: "own" },
      },
    });
    expect(role.status).toBe(201);
    const user = await admin.post<{ id: string }>("/api/v1/users", {
      name: "scout",
      email: "scout@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    expect(user.status).toBe(201);
    const scout = await ctx.signIn("scout@acme.test", PASSWORD);
    const { customer, followUpId } = await withHistory("Scouted Co");
    await release(customer.id, "No budget");

    const seen = await preview(scout, customer.id);
    expect(seen.statuses).toEqual([200, 200, 200]);
    expect(seen.timeline.body.data.filter((e) => e.kind === "followUp").map((e) => e.id)).toEqual([followUpId]);
    // Still nothing of the customers' own pages.
    expect((await scout.get(`/api/v1/customers/${customer.id}`)).status).toBe(403);
    expect((await scout.get(`/api/v1/follow-ups/${followUpId}`)).status).toBe(404);
  });

  it("answers 404 once someone else has claimed the customer", async () => {
    const { customer } = await withHistory("Claimed Away");
    await release(customer.id, "Too far");
    expect((await preview(rep1, customer.id)).statuses).toEqual([200, 200, 200]);
    expect((await rep2.post(`/api/v1/pool/customers/${customer.id}/claim`)).status).toBe(200);
    expect((await preview(rep1, customer.id)).statuses).toEqual([404, 404, 404]);
    // The claimer reads it as its owner, with its history.
    const theirs = await rep2.get<List<Entry>>(`/api/v1/customers/${customer.id}/timeline?kinds=followUp`);
    expect(theirs.body.data).toHaveLength(1);
  });
});
