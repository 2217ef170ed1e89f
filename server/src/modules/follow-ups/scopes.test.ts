import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type List = { data: { id: string }[]; nextCursor: string | null };
type Customer = { id: string; lastFollowUpAt: string | null };

let ctx: TestContext;
let admin: ApiClient;
const people: Record<string, { id: string; client: ApiClient }> = {};
const customerOf: Record<string, string> = {};
const followUpOf: Record<string, string> = {};

function person(key: string) {
  const found = people[key];
  if (!found) throw new Error(`${key} was not set up`);
  return found;
}

/*
 * rep1 and rep2 report to manager. Customers: manager sees the team's (subordinates), reps their own.
 * Follow-ups: everybody's scope is "own", so the manager sees the team's customers but only the
 * follow-ups he made himself.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  const role = async (customersScope: string) =>
    (
      await admin.post<{ id: string }>("/api/v1/roles", {
        name: `Customers ${customersScope}`,
        permissions: {
          customers: { actions: ["view", "create", "edit"], scope: customersScope },
          followUps: { actions: ["view", "create", "edit", "delete"], scope: "own" },
        },
      })
    ).body.id;
  const repRole = await role("own");
  const managerRole = await role("subordinates");
  const add = async (key: string, roleId: string, managerId: string | null) => {
    const res = await admin.post<{ id: string }>("/api/v1/users", {
      name: key,
      email: `${key}@acme.test`,
      password: PASSWORD,
      managerId,
      roleIds: [roleId],
    });
    expect(res.status).toBe(201);
    const client = await ctx.signIn(`${key}@acme.test`, PASSWORD);
    people[key] = { id: res.body.id, client };
    const customer = await client.post<{ id: string }>("/api/v1/customers", { name: `${key}'s customer` });
    customerOf[key] = customer.body.id;
    const followUp = await client.post<{ id: string }>("/api/v1/follow-ups", {
      customerId: customer.body.id,
      kind: "call",
      content: `${key} called`,
    });
    expect(followUp.status).toBe(201);
    followUpOf[key] = followUp.body.id;
  };
  await add("manager", managerRole, null);
  await add("rep1", repRole, person("manager").id);
  await add("rep2", repRole, person("manager").id);
});
afterAll(() => ctx.close());

describe("follow-ups: scopes", () => {
  it("a rep does not see another rep's customer's follow-ups", async () => {
    const rep2 = person("rep2").client;
    expect((await rep2.get(`/api/v1/follow-ups/${followUpOf.rep1}`)).status).toBe(404);
    const list = await rep2.get<List>("/api/v1/follow-ups");
    expect(list.body.data.map((f) => f.id)).toEqual([followUpOf.rep2]);
    expect((await rep2.get(`/api/v1/customers/${customerOf.rep1}/timeline`)).status).toBe(404);
    const patched = await rep2.patch(`/api/v1/follow-ups/${followUpOf.rep1}`, { version: 1, content: "mine now" });
    expect(patched.status).toBe(404);
  });

  it("a rep cannot log a follow-up on a customer out of sight", async () => {
    const res = await person("rep2").client.post<{ error: { details: { path: string }[] } }>("/api/v1/follow-ups", {
      customerId: customerOf.rep1,
      kind: "note",
      content: "Sneaky",
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]?.path).toBe("customerId");
  });

  it("seeing the customer is not enough: the follow-ups scope must cover the one who followed up", async () => {
    const manager = person("manager").client;
    // The manager sees rep1's customer, and its last follow-up time...
    const customer = await manager.get<Customer>(`/api/v1/customers/${customerOf.rep1}`);
    expect(customer.status).toBe(200);
    expect(customer.body.lastFollowUpAt).not.toBeNull();
    // ...but not rep1's follow-up itself, in the list or the timeline.
    expect((await manager.get(`/api/v1/follow-ups/${followUpOf.rep1}`)).status).toBe(404);
    const timeline = await manager.get<{ data: { kind: string }[] }>(`/api/v1/customers/${customerOf.rep1}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.data.map((e) => e.kind)).not.toContain("followUp");
    // His own follow-up on that customer he sees; rep1, the customer's owner, reads all of its history.
    const own = await manager.post<{ id: string }>("/api/v1/follow-ups", {
      customerId: customerOf.rep1,
      kind: "visit",
      content: "Joined the visit",
    });
    expect(own.status).toBe(201);
    const mine = await manager.get<{ data: { id: string; kind: string }[] }>(
      `/api/v1/customers/${customerOf.rep1}/timeline?kinds=followUp`,
    );
    expect(mine.body.data.map((e) => e.id)).toEqual([own.body.id]);
    const rep1 = await person("rep1").client.get<List>(`/api/v1/follow-ups?customerId=${customerOf.rep1}`);
    expect(rep1.body.data.map((f) => f.id).sort()).toEqual([followUpOf.rep1, own.body.id].sort());
    // Reading is not changing: the manager's entry stays his.
    const edit = await person("rep1").client.patch(`/api/v1/follow-ups/${own.body.id}`, { version: 1, content: "x" });
    expect(edit.status).toBe(403);
  });

  it("without the followUps permission the timeline still answers, without follow-ups", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Customers only",
      permissions: { customers: { actions: ["view"], scope: "all" } },
    });
    const res = await admin.post<{ id: string }>("/api/v1/users", {
      name: "viewer",
      email: "viewer@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    expect(res.status).toBe(201);
    const viewer = await ctx.signIn("viewer@acme.test", PASSWORD);
    const timeline = await viewer.get<{ data: { kind: string }[] }>(`/api/v1/customers/${customerOf.rep1}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.data.map((e) => e.kind)).toContain("change");
    expect(timeline.body.data.map((e) => e.kind)).not.toContain("followUp");
    expect((await viewer.get("/api/v1/follow-ups")).status).toBe(403);
  });

  // `access` is the record's side of it (scope and shares); whether the role may edit at all is the
  // role's action, which the web checks beside it (a transfer or a delete takes write access, not "edit").
  it("says the caller may change a follow-up exactly when PATCH lets them", async () => {
    const addUser = async (key: string, permissions: Record<string, unknown>, managerId: string | null = null) => {
      const role = await admin.post<{ id: string }>("/api/v1/roles", { name: key, permissions });
      const email = `${key}@acme.test`;
      const user = await admin.post<{ id: string }>("/api/v1/users", {
        name: key,
        email,
        password: PASSWORD,
        managerId,
        roleIds: [role.body.id],
      });
      expect(user.status, JSON.stringify(user.body)).toBe(201);
      return { id: user.body.id, client: await ctx.signIn(email, PASSWORD) };
    };
    // rep1's manager by the follow-ups' own data scope.
    const lead = await addUser("lead", {
      customers: { actions: ["view"], scope: "all" },
      followUps: { actions: ["view", "edit"], scope: "subordinates" },
    });
    await admin.patch(`/api/v1/users/${person("rep1").id}`, {
      version: (await admin.get<{ version: number }>(`/api/v1/users/${person("rep1").id}`)).body.version,
      managerId: lead.id,
    });
    const reader = await addUser("reader", {
      customers: { actions: ["view", "edit"], scope: "own" },
      followUps: { actions: ["view", "edit"], scope: "own" },
    });
    const writer = await addUser("writer", {
      customers: { actions: ["view", "edit"], scope: "own" },
      followUps: { actions: ["view", "edit"], scope: "own" },
    });
    const rep1 = person("rep1").client;
    const members = `/api/v1/customers/${customerOf.rep1}/members`;
    expect((await rep1.request("PUT", `${members}/${reader.id}`, { access: "read" })).status).toBe(200);
    expect((await rep1.request("PUT", `${members}/${writer.id}`, { access: "write" })).status).toBe(200);

    const id = followUpOf.rep1;
    const cases: [string, ApiClient, "read" | "write"][] = [
      ["the owner", rep1, "write"],
      ["a read-only team member", reader.client, "read"],
      ["a read-write team member", writer.client, "write"],
      ["a manager by data scope", lead.client, "write"],
    ];
    for (const [who, client, access] of cases) {
      const read = await client.get<{ access: string; version: number }>(`/api/v1/follow-ups/${id}`);
      expect(read.status, who).toBe(200);
      expect(read.body.access, who).toBe(access);
      const edit = await client.patch(`/api/v1/follow-ups/${id}`, {
        version: read.body.version,
        content: `${who} was here`,
      });
      expect(edit.status, `${who}: ${JSON.stringify(edit.body)}`).toBe(access === "write" ? 200 : 403);
    }
  });
});
