import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type ErrorBody = { error: { code: string; details: { path: string }[] } };
type User = {
  id: string;
  version: number;
  managerId: string | null;
  roleIds: string[];
  isAdmin: boolean;
  active: boolean;
};

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

describe("organization administration", () => {
  it("creates users, departments and roles; only admins may", async () => {
    const dept = await admin.post<{ id: string }>("/api/v1/departments", { name: "销售部" });
    expect(dept.status).toBe(201);
    const roles = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles");
    expect(roles.body.data.map((r) => r.name)).toEqual(expect.arrayContaining(["Sales rep", "Sales manager"]));
    const rep = await admin.post<User>("/api/v1/users", {
      name: "李雷",
      email: "lilei@acme.test",
      password: PASSWORD,
      departmentId: dept.body.id,
      managerId: adminId,
      roleIds: [roles.body.data.find((r) => r.name === "Sales rep")?.id],
    });
    expect(rep.status).toBe(201);
    const dup = await admin.post<ErrorBody>("/api/v1/users", {
      name: "x",
      email: "LILEI@acme.test",
      password: PASSWORD,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0]?.path).toBe("email");

    const lilei = await ctx.signIn("lilei@acme.test", PASSWORD);
    expect((await lilei.post("/api/v1/users", { name: "y", email: "y@acme.test", password: PASSWORD })).status).toBe(
      403,
    );
    expect((await lilei.post("/api/v1/departments", { name: "x" })).status).toBe(403);
    expect((await lilei.get("/api/v1/roles")).status).toBe(403);
    // Everyone may read the people and departments, to pick an owner.
    expect((await lilei.get("/api/v1/users")).status).toBe(200);
    const session = await lilei.get<{ permissions: { customers: { scope: string; actions: string[] } } }>(
      "/api/v1/auth/session",
    );
    expect(session.body.permissions.customers.scope).toBe("own");
  });

  it("refuses loops in the reporting line and the department tree", async () => {
    const users = await admin.get<{ data: User[] }>("/api/v1/users");
    const rep = users.body.data.find((u) => u.managerId === adminId);
    const me = users.body.data.find((u) => u.id === adminId);
    if (!rep || !me) throw new Error("setup");
    const loop = await admin.patch<ErrorBody>(`/api/v1/users/${adminId}`, { version: me.version, managerId: rep.id });
    expect(loop.status).toBe(422);
    expect(loop.body.error.details[0]?.path).toBe("managerId");

    const parent = await admin.post<{ id: string; version: number }>("/api/v1/departments", { name: "Parent" });
    const child = await admin.post<{ id: string }>("/api/v1/departments", { name: "Child", parentId: parent.body.id });
    const cycle = await admin.patch<ErrorBody>(`/api/v1/departments/${parent.body.id}`, {
      version: 1,
      parentId: child.body.id,
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details[0]?.path).toBe("parentId");
    expect((await admin.delete(`/api/v1/departments/${parent.body.id}`)).status).toBe(409);
    expect((await admin.delete(`/api/v1/departments/${child.body.id}`)).status).toBe(204);
  });

  it("keeps at least one active administrator", async () => {
    const me = (await admin.get<User>(`/api/v1/users/${adminId}`)).body;
    const res = await admin.patch<ErrorBody>(`/api/v1/users/${adminId}`, { version: me.version, isAdmin: false });
    expect(res.status).toBe(409);
    expect((await admin.get<User>(`/api/v1/users/${adminId}`)).body.isAdmin).toBe(true);
  });

  it("deactivating a user or resetting a password ends their sessions", async () => {
    const user = await admin.post<User>("/api/v1/users", { name: "Temp", email: "temp@acme.test", password: PASSWORD });
    const temp = await ctx.signIn("temp@acme.test", PASSWORD);
    expect((await temp.get("/api/v1/auth/session")).status).toBe(200);
    const off = await admin.patch<User>(`/api/v1/users/${user.body.id}`, { version: user.body.version, active: false });
    expect(off.body.active).toBe(false);
    expect((await temp.get("/api/v1/auth/session")).status).toBe(401);
    const login = await ctx.anonymous.post("/api/v1/auth/login", { email: "temp@acme.test", password: PASSWORD });
    expect(login.status).toBe(401);
  });

  it("rejects role permissions for unknown modules or actions", async () => {
    const res = await admin.post<ErrorBody>("/api/v1/roles", {
      name: "Bad",
      permissions: { payroll: { actions: ["view"], scope: "all" } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toContain("payroll");
    const scope = await admin.post<ErrorBody>("/api/v1/roles", {
      name: "Bad",
      permissions: { customers: { actions: ["view"], scope: "galaxy" } },
    });
    expect(scope.status).toBe(400);
  });

  it("tells the role editor which modules a data scope limits", async () => {
    const res = await admin.get<{ data: { key: string; scoped: boolean }[] }>("/api/v1/meta/modules");
    const scoped = new Map(res.body.data.map((m) => [m.key, m.scoped]));
    expect(scoped.get("customers")).toBe(true);
    expect(scoped.get("tasks")).toBe(true);
    expect(scoped.get("pool")).toBe(false);
    expect(scoped.get("settings")).toBe(false);
  });
});
