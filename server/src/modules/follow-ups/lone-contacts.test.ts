import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type FollowUp = {
  id: string;
  version: number;
  customerId: string | null;
  customerName: string | null;
  contactIds: string[];
  contacts: { id: string; name: string }[];
  content: string;
};
type Record_ = { id: string; version: number; customerId?: string | null; lastFollowUpAt?: string | null };
type List<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; details: { path: string }[] } };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const create = async <T = Record_>(client: ApiClient, path: string, body: Record<string, unknown>) => {
  const res = await client.post<T>(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const newCustomer = (name: string) => create(admin, "/api/v1/customers", { name });
const newContact = (name: string, customerId?: string) => create(admin, "/api/v1/contacts", { name, customerId });
const log = (body: Record<string, unknown>, client = admin) =>
  client.post<FollowUp & ErrorBody>("/api/v1/follow-ups", { kind: "call", ...body });
const followUpsOf = async (contactId: string, client = admin) =>
  (await client.get<List<FollowUp>>(`/api/v1/follow-ups?contactId=${contactId}`)).body.data.map((f) => f.content);
const paths = (body: unknown) => (body as ErrorBody).error.details.map((d) => d.path);

describe("follow-ups on contacts without a customer", () => {
  it("logs one on a contact on their own, and finds it in every list", async () => {
    const li = await newContact("李明");
    const res = await log({ contactIds: [li.id], content: "Private client called" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      customerId: null,
      customerName: null,
      contactIds: [li.id],
      contacts: [{ id: li.id, name: "李明" }],
    });
    const one = await admin.get<FollowUp>(`/api/v1/follow-ups/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.contacts).toEqual([{ id: li.id, name: "李明" }]);
    expect(await followUpsOf(li.id)).toEqual(["Private client called"]);
    const searched = await admin.get<List<FollowUp>>("/api/v1/follow-ups?q=private");
    expect(searched.status).toBe(200);
    expect(searched.body.data.map((f) => f.id)).toContain(res.body.id);
    const changed = await admin.patch<FollowUp>(`/api/v1/follow-ups/${res.body.id}`, { version: 1, outcome: "Later" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ customerId: null, contacts: [{ id: li.id, name: "李明" }] });
  });

  it("takes the customer of the contacts when none is given", async () => {
    const acme = await newCustomer("Acme");
    const [ann, bob] = [await newContact("Ann", acme.id), await newContact("Bob", acme.id)];
    const at = "2026-01-05T10:00:00.000Z";
    const res = await log({ contactIds: [ann.id, bob.id], content: "Both", occurredAt: at });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: acme.id, customerName: "Acme" });
    expect((await admin.get<Record_>(`/api/v1/customers/${acme.id}`)).body.lastFollowUpAt).toBe(at);
    const timeline = await admin.get<{ data: { id: string }[] }>(
      `/api/v1/customers/${acme.id}/timeline?kinds=followUp`,
    );
    expect(timeline.body.data.map((e) => e.id)).toEqual([res.body.id]);
  });

  it("refuses neither a customer nor a contact, and people of different customers", async () => {
    const [one, two] = [await newCustomer("One"), await newCustomer("Two")];
    const [a, b, loner] = [await newContact("A", one.id), await newContact("B", two.id), await newContact("Loner")];
    const cases: [Record<string, unknown>, string, number][] = [
      [{ content: "nobody" }, "customerId", 400],
      [{ content: "nobody", customerId: null, contactIds: [] }, "customerId", 400],
      [{ content: "two companies", contactIds: [a.id, b.id] }, "contactIds", 400],
      [{ content: "company and loner", contactIds: [a.id, loner.id] }, "contactIds", 400],
      [{ content: "loner at a company", customerId: one.id, contactIds: [loner.id] }, "contactIds", 422],
      [{ content: "unknown", contactIds: ["0190a000-0000-7000-8000-000000000000"] }, "contactIds", 422],
    ];
    for (const [body, field, status] of cases) {
      const res = await log(body);
      expect(res.status, String(body.content)).toBe(status);
      expect(paths(res.body), String(body.content)).toContain(field);
    }
    for (const id of [a.id, b.id, loner.id]) expect(await followUpsOf(id)).toEqual([]);
  });

  it("keeps the rules on update: off its customer, onto its contacts' customer", async () => {
    const acme = await newCustomer("Acme Two");
    const [ann, loner] = [await newContact("Ann", acme.id), await newContact("Loner Two")];
    const followUp = (await log({ customerId: acme.id, contactIds: [ann.id], content: "Filed wrong" })).body;
    const noOne = await admin.patch(`/api/v1/follow-ups/${followUp.id}`, {
      version: 1,
      customerId: null,
      contactIds: [],
    });
    expect(noOne.status).toBe(400);
    expect(paths(noOne.body)).toEqual(["customerId"]);

    const moved = await admin.patch<FollowUp>(`/api/v1/follow-ups/${followUp.id}`, {
      version: 1,
      customerId: null,
      contactIds: [loner.id],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ customerId: null, contactIds: [loner.id] });
    expect((await admin.get<Record_>(`/api/v1/customers/${acme.id}`)).body.lastFollowUpAt).toBeNull();

    const back = await admin.patch<FollowUp>(`/api/v1/follow-ups/${followUp.id}`, { version: 2, contactIds: [ann.id] });
    expect(back.body).toMatchObject({ customerId: acme.id, contactIds: [ann.id] });
    expect((await admin.get<Record_>(`/api/v1/customers/${acme.id}`)).body.lastFollowUpAt).not.toBeNull();
  });

  it("brings a contact's follow-ups to the customer they join", async () => {
    const lead = await newContact("Lead");
    const followUp = (await log({ contactIds: [lead.id], content: "Cold call" })).body;
    const company = await newCustomer("Lead's company");
    const joined = await admin.patch(`/api/v1/contacts/${lead.id}`, { version: lead.version, customerId: company.id });
    expect(joined.status).toBe(200);
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${followUp.id}`)).body).toMatchObject({
      customerId: company.id,
      version: 2,
    });
    expect((await admin.get<Record_>(`/api/v1/customers/${company.id}`)).body.lastFollowUpAt).not.toBeNull();
  });

  it("hides them while their contact is in the trash, and deletes them with it for good", async () => {
    const gone = await newContact("Gone");
    const kept = await newContact("Kept");
    const alone = (await log({ contactIds: [gone.id], content: "Only Gone" })).body;
    const shared = (await log({ contactIds: [gone.id, kept.id], content: "Gone and Kept" })).body;
    expect((await admin.delete(`/api/v1/contacts/${gone.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/follow-ups/${alone.id}`)).status).toBe(404);
    expect(await followUpsOf(kept.id)).toEqual(["Gone and Kept"]);
    expect((await admin.post(`/api/v1/contacts/${gone.id}/restore`)).status).toBe(200);
    expect((await admin.get(`/api/v1/follow-ups/${alone.id}`)).status).toBe(200);

    expect((await admin.delete(`/api/v1/contacts/${gone.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/contacts/${gone.id}?purge=true`)).status).toBe(204);
    const trash = await admin.get<List<FollowUp>>("/api/v1/follow-ups?deleted=true");
    expect(trash.body.data.map((f) => f.id)).not.toContain(alone.id);
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${shared.id}`)).body).toMatchObject({
      customerId: null,
      contactIds: [kept.id],
    });
  });
});

describe("merging contacts without a customer", () => {
  const merge = (survivor: Record_, merged: Record_) =>
    admin.post<{ moved: Record<string, number> }>("/api/v1/duplicates/merge", {
      objectType: "contact",
      survivor: { id: survivor.id, version: survivor.version },
      merged: [{ id: merged.id, version: merged.version }],
      values: {},
    });

  it("moves the merged contact's follow-ups to the survivor", async () => {
    const [zhang, zhang2] = [await newContact("张伟"), await newContact("张伟 (2)")];
    const followUp = (await log({ contactIds: [zhang2.id], content: "Called the duplicate" })).body;
    const res = await merge(zhang, zhang2);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved.followUps).toBe(1);
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${followUp.id}`)).body).toMatchObject({
      customerId: null,
      contactIds: [zhang.id],
    });
    expect(await followUpsOf(zhang.id)).toEqual(["Called the duplicate"]);
  });

  it("gives them the survivor's customer when it has one", async () => {
    const company = await newCustomer("Wang's company");
    const [wang, wang2] = [await newContact("王芳", company.id), await newContact("王芳 (private)")];
    const followUp = (await log({ contactIds: [wang2.id], content: "Called at home" })).body;
    expect((await merge(wang, wang2)).status).toBe(200);
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${followUp.id}`)).body).toMatchObject({
      customerId: company.id,
      contactIds: [wang.id],
    });
  });
});

describe("who sees a follow-up without a customer", () => {
  it("the contact's owner reads it; another rep with the 'own' scope does not", async () => {
    const role = await create<{ id: string }>(admin, "/api/v1/roles", {
      name: "Reps, own",
      permissions: {
        customers: { actions: ["view", "create", "edit"], scope: "own" },
        contacts: { actions: ["view", "create", "edit"], scope: "own" },
        followUps: { actions: ["view", "create", "edit"], scope: "own" },
      },
    });
    const rep = async (key: string) => {
      const user = await create<{ id: string }>(admin, "/api/v1/users", {
        name: key,
        email: `${key}@acme.test`,
        password: PASSWORD,
        roleIds: [role.id],
      });
      return { id: user.id, client: await ctx.signIn(`${key}@acme.test`, PASSWORD) };
    };
    const [owner, other] = [await rep("lone-owner"), await rep("lone-other")];
    const contact = await create(owner.client, "/api/v1/contacts", { name: "Owner's lead" });
    // Someone else (the admin) logs the call: the contact's owner reads it, without changing it.
    const followUp = (await log({ contactIds: [contact.id], content: "Admin called the lead" })).body;
    const read = await owner.client.get<FollowUp>(`/api/v1/follow-ups/${followUp.id}`);
    expect(read.status).toBe(200);
    // It says so, and the web shows it as read-only rather than a form the server would refuse.
    expect(read.body).toMatchObject({ contacts: [{ id: contact.id, name: "Owner's lead" }], access: "read" });
    expect(await followUpsOf(contact.id, owner.client)).toEqual(["Admin called the lead"]);
    const edit = await owner.client.patch(`/api/v1/follow-ups/${followUp.id}`, { version: 1, content: "x" });
    expect(edit.status).toBe(403);

    expect((await other.client.get(`/api/v1/follow-ups/${followUp.id}`)).status).toBe(404);
    const list = await other.client.get<List<FollowUp>>("/api/v1/follow-ups");
    expect(list.body.data.map((f) => f.id)).not.toContain(followUp.id);
    // Nor may they log one on a contact out of their sight.
    const sneaky = await log({ contactIds: [contact.id], content: "Sneaky" }, other.client);
    expect(sneaky.status).toBe(422);
    expect(paths(sneaky.body)).toEqual(["contactIds"]);

    // The owner logs their own: theirs to read and change.
    const own = await log({ contactIds: [contact.id], content: "Owner called back" }, owner.client);
    expect(own.status).toBe(201);
    const ownRead = await owner.client.get<FollowUp>(`/api/v1/follow-ups/${(own.body as FollowUp).id}`);
    expect(ownRead.body).toMatchObject({ access: "write" });
    expect(await followUpsOf(contact.id, owner.client)).toEqual(["Owner called back", "Admin called the lead"]);
  });
});
