import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type Contact = { id: string; name: string; version: number; deletedAt: string | null };
type List = { data: Contact[] };

let ctx: TestContext;
let admin: ApiClient;
let roleId: string;
const people: Record<string, ApiClient> = {};
const contactOf: Record<string, Contact> = {};

/*
 * Head office ── Sales: manager (Sales) ← rep (Sales), outsider (Head office).
 * Each owns one contact; all hold one role whose contacts scope each test sets.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  const depts = await admin.get<{ data: { id: string }[] }>("/api/v1/departments");
  const headOffice = depts.body.data[0]?.id;
  const sales = (await admin.post<{ id: string }>("/api/v1/departments", { name: "Sales", parentId: headOffice })).body
    .id;
  roleId = (
    await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Contacts tested",
      permissions: { contacts: { actions: ["view", "edit", "delete"], scope: "own" } },
    })
  ).body.id;
  const add = async (key: string, departmentId: string | undefined, managerId: string | null) => {
    const user = await admin.post<{ id: string }>("/api/v1/users", {
      name: key,
      email: `${key}@acme.test`,
      password: PASSWORD,
      departmentId,
      managerId,
      roleIds: [roleId],
    });
    expect(user.status).toBe(201);
    people[key] = await ctx.signIn(`${key}@acme.test`, PASSWORD);
    const contact = await admin.post<Contact>("/api/v1/contacts", { name: `${key}'s contact`, ownerId: user.body.id });
    expect(contact.status).toBe(201);
    contactOf[key] = contact.body;
    return user.body.id;
  };
  const managerId = await add("manager", sales, null);
  await add("rep", sales, managerId);
  await add("outsider", headOffice, null);
});
afterAll(() => ctx.close());

async function setScope(scope: string, actions = ["view", "edit", "delete"]) {
  const roles = await admin.get<{ data: { id: string; version: number }[] }>("/api/v1/roles");
  const version = roles.body.data.find((r) => r.id === roleId)?.version;
  const res = await admin.patch(`/api/v1/roles/${roleId}`, { version, permissions: { contacts: { actions, scope } } });
  expect(res.status).toBe(200);
}

async function visible(person: string): Promise<string[]> {
  const res = await people[person]?.get<List>("/api/v1/contacts?limit=200&sort=name");
  expect(res?.status).toBe(200);
  return (res?.body.data ?? []).map((c) => c.name.replace("'s contact", ""));
}

describe("contacts: data scopes", () => {
  it("own, subordinates, department and all each show the right contacts", async () => {
    await setScope("own");
    expect(await visible("rep")).toEqual(["rep"]);
    await setScope("subordinates");
    expect(await visible("manager")).toEqual(["manager", "rep"]);
    expect(await visible("outsider")).toEqual(["outsider"]);
    await setScope("department");
    expect(await visible("rep")).toEqual(["manager", "rep"]);
    await setScope("all");
    expect(await visible("outsider")).toEqual(["manager", "outsider", "rep"]);
  });

  it("a contact outside the scope is not found on any route and stays unchanged", async () => {
    await setScope("own");
    const rep = people.rep;
    const target = contactOf.outsider;
    if (!rep || !target) throw new Error("setup");
    const base = `/api/v1/contacts/${target.id}`;
    expect((await rep.get(base)).status).toBe(404);
    expect((await rep.patch(base, { version: 1, name: "taken" })).status).toBe(404);
    expect((await rep.delete(base)).status).toBe(404);
    expect((await rep.get(`${base}/audit`)).status).toBe(404);
    const after = await admin.get<Contact>(base);
    expect(after.body).toMatchObject({ name: "outsider's contact", version: 1, deletedAt: null });
  });

  it("without contacts actions the module is forbidden, whatever the customers role says", async () => {
    await setScope("all", []);
    const res = await people.rep?.get<{ error: { code: string } }>("/api/v1/contacts");
    expect(res?.status).toBe(403);
    expect((await people.rep?.post("/api/v1/contacts", { name: "x" }))?.status).toBe(403);
  });

  it("another organization's contacts are unreachable", async () => {
    const other = await addOrganization(ctx, "Globex", "admin@globex.test");
    const theirs = await other.admin.post<Contact>("/api/v1/contacts", { name: "Globex secret contact" });
    expect(theirs.status).toBe(201);
    const list = await admin.get<List>("/api/v1/contacts?limit=200&q=globex");
    expect(list.body.data).toEqual([]);
    expect((await admin.get(`/api/v1/contacts/${theirs.body.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/v1/contacts/${theirs.body.id}`, { version: 1, name: "x" })).status).toBe(404);
  });
});
