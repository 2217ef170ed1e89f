import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type Customer = { id: string; name: string; ownerId: string | null; departmentId: string | null };
type List = { data: Customer[]; nextCursor: string | null };

let ctx: TestContext;
let admin: ApiClient;
let roleId: string;
const people: Record<string, { id: string; client: ApiClient }> = {};
const customerOf: Record<string, Customer> = {};

/*
 * The organization under test:
 *   Head office ── Sales ── East
 *   manager (Sales) ← rep1 (East), rep2 (Sales), rep3 (Head office)      [← = reports to]
 *   outsider (Head office), reporting to nobody
 * Each person owns one customer; every one of them holds the same role, whose scope each test sets.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  const depts = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/departments");
  const headOffice = depts.body.data[0]?.id;
  const sales = (await admin.post<{ id: string }>("/api/v1/departments", { name: "Sales", parentId: headOffice })).body
    .id;
  const east = (await admin.post<{ id: string }>("/api/v1/departments", { name: "East", parentId: sales })).body.id;
  const role = await admin.post<{ id: string }>("/api/v1/roles", {
    name: "Tested",
    permissions: { customers: { actions: ["view", "create", "edit", "delete"], scope: "own" } },
  });
  roleId = role.body.id;
  const add = async (key: string, departmentId: string | undefined, managerId: string | null) => {
    const res = await admin.post<{ id: string }>("/api/v1/users", {
      name: key,
      email: `${key}@acme.test`,
      password: PASSWORD,
      departmentId,
      managerId,
      roleIds: [roleId],
    });
    expect(res.status).toBe(201);
    people[key] = { id: res.body.id, client: await ctx.signIn(`${key}@acme.test`, PASSWORD) };
    const customer = await admin.post<Customer>("/api/v1/customers", {
      name: `${key}'s customer`,
      ownerId: res.body.id,
    });
    expect(customer.status).toBe(201);
    customerOf[key] = customer.body;
  };
  await add("manager", sales, null);
  const managerId = people.manager?.id ?? null;
  await add("rep1", east, managerId);
  await add("rep2", sales, managerId);
  await add("rep3", headOffice, managerId);
  await add("outsider", headOffice, null);
});
afterAll(() => ctx.close());

async function roleVersion(): Promise<number | undefined> {
  const roles = await admin.get<{ data: { id: string; version: number }[] }>("/api/v1/roles");
  return roles.body.data.find((r) => r.id === roleId)?.version;
}

async function setScope(scope: string) {
  const version = await roleVersion();
  const res = await admin.patch(`/api/v1/roles/${roleId}`, {
    version,
    permissions: { customers: { actions: ["view", "create", "edit", "delete"], scope } },
  });
  expect(res.status).toBe(200);
}

async function visibleOwners(person: string): Promise<string[]> {
  const client = people[person]?.client;
  if (!client) throw new Error(person);
  const res = await client.get<List>("/api/v1/customers?limit=200&sort=name");
  expect(res.status).toBe(200);
  return res.body.data.map((c) => c.name.replace("'s customer", "")).sort();
}

const everyone = ["manager", "outsider", "rep1", "rep2", "rep3"];

describe("data scopes", () => {
  it("own: each sees only what they own", async () => {
    await setScope("own");
    for (const person of everyone) expect(await visibleOwners(person)).toEqual([person]);
  });

  it("own and subordinates: a manager sees the whole reporting line", async () => {
    await setScope("subordinates");
    expect(await visibleOwners("manager")).toEqual(["manager", "rep1", "rep2", "rep3"]);
    expect(await visibleOwners("rep1")).toEqual(["rep1"]);
    expect(await visibleOwners("outsider")).toEqual(["outsider"]);
  });

  it("own department: the department's records, not its sub-departments'", async () => {
    await setScope("department");
    expect(await visibleOwners("manager")).toEqual(["manager", "rep2"]);
    expect(await visibleOwners("rep1")).toEqual(["rep1"]);
    expect(await visibleOwners("outsider")).toEqual(["outsider", "rep3"]);
  });

  it("department and sub-departments: the whole subtree", async () => {
    await setScope("departmentTree");
    expect(await visibleOwners("manager")).toEqual(["manager", "rep1", "rep2"]);
    expect(await visibleOwners("outsider")).toEqual(everyone);
    expect(await visibleOwners("rep1")).toEqual(["rep1"]);
  });

  it("all: everything in the organization", async () => {
    await setScope("all");
    for (const person of everyone) expect(await visibleOwners(person)).toEqual(everyone);
  });

  it("a record outside the scope is not found on every route, and stays unchanged", async () => {
    await setScope("own");
    const rep1 = people.rep1?.client;
    const target = customerOf.rep2;
    if (!rep1 || !target) throw new Error("setup");
    const base = `/api/v1/customers/${target.id}`;
    expect((await rep1.get(base)).status).toBe(404);
    expect((await rep1.patch(base, { version: 1, name: "taken over" })).status).toBe(404);
    expect((await rep1.delete(base)).status).toBe(404);
    expect((await rep1.get(`${base}/audit`)).status).toBe(404);
    expect((await rep1.post(`${base}/restore`)).status).toBe(404);
    const after = await admin.get<Customer & { version: number; deletedAt: string | null }>(base);
    expect(after.body).toMatchObject({ name: "rep2's customer", version: 1, deletedAt: null });
  });

  it("without the view action the module is forbidden; without transfer a record cannot be given away", async () => {
    const rep2 = people.rep2?.client;
    if (!rep2) throw new Error("setup");
    const res = await rep2.post<{ error: { code: string } }>("/api/v1/customers", {
      name: "gift",
      ownerId: people.rep1?.id,
    });
    expect(res.status).toBe(403);
    const version = await roleVersion();
    await admin.patch(`/api/v1/roles/${roleId}`, {
      version,
      permissions: { customers: { actions: [], scope: "all" } },
    });
    const list = await rep2.get<{ error: { code: string } }>("/api/v1/customers");
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe("forbidden");
  });
});

describe("organizations", () => {
  it("another organization's records are unreachable on every route", async () => {
    const other = await addOrganization(ctx, "Globex", "admin@globex.test");
    const theirs = await other.admin.post<Customer>("/api/v1/customers", { name: "Globex secret customer" });
    expect(theirs.status).toBe(201);
    const id = theirs.body.id;
    const base = `/api/v1/customers/${id}`;

    const list = await admin.get<List>("/api/v1/customers?limit=200&q=globex");
    expect(list.body.data).toEqual([]);
    expect((await admin.get(base)).status).toBe(404);
    expect((await admin.patch(base, { version: 1, name: "stolen" })).status).toBe(404);
    expect((await admin.delete(base)).status).toBe(404);
    expect((await admin.post(`${base}/restore`)).status).toBe(404);
    expect((await admin.get(`${base}/audit`)).status).toBe(404);
    expect((await admin.request("DELETE", `${base}?purge=true`)).status).toBe(404);

    // Their users, departments and roles are neither listed nor usable as references.
    const users = await admin.get<{ data: { id: string }[] }>("/api/v1/users");
    expect(users.body.data.map((u) => u.id)).not.toContain(other.adminId);
    expect((await admin.get(`/api/v1/users/${other.adminId}`)).status).toBe(404);
    expect((await admin.patch(`/api/v1/users/${other.adminId}`, { version: 1, name: "x" })).status).toBe(404);
    const foreignOwner = await admin.post<{ error: { details: { path: string }[] } }>("/api/v1/customers", {
      name: "x",
      ownerId: other.adminId,
    });
    expect(foreignOwner.status).toBe(422);
    expect(foreignOwner.body.error.details[0]?.path).toBe("ownerId");
    const foreignRole = other.roles[0]?.id;
    const badUser = await admin.post<{ error: { details: { path: string }[] } }>("/api/v1/users", {
      name: "x",
      email: "x@acme.test",
      password: PASSWORD,
      roleIds: [foreignRole],
    });
    expect(badUser.status).toBe(422);
    expect(badUser.body.error.details[0]?.path).toBe("roleIds");
    const roles = await admin.get<{ data: { id: string }[] }>("/api/v1/roles");
    expect(roles.body.data.map((r) => r.id)).not.toContain(foreignRole);
    const depts = await other.admin.get<{ data: { name: string }[] }>("/api/v1/departments");
    expect(depts.body.data.map((d) => d.name)).not.toContain("Sales");

    // And their record is untouched.
    const still = await other.admin.get<Customer & { version: number }>(base);
    expect(still.body).toMatchObject({ name: "Globex secret customer", version: 1 });
  });
});
