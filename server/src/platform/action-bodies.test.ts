import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addUserWithRole,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../test/harness.ts";
import { runDueJobs, uploadImport } from "../modules/imports/test-support.ts";

type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };
type Customer = { id: string; name: string; version: number; ownerId: string | null; deletedAt: string | null };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const unknownFields = (res: { status: number; body: ErrorBody }, ...paths: string[]) => {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe("validation_failed");
  expect(res.body.error.details).toEqual(paths.map((path) => ({ path, message: "is not a known field" })));
};

describe("an action's body", () => {
  it("every POST, PUT and PATCH route declares its body, so an unknown field is refused, not ignored", () => {
    const spec = ctx.app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const without = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method, op]) => ["post", "put", "patch"].includes(method) && !op.requestBody)
        .map(([method]) => `${method} ${path}`),
    );
    // A file upload: its body is the file.
    expect(without).toEqual(["post /api/v1/imports"]);
  });

  it("read-all with ids is a 400 naming them, and marks nothing read", async () => {
    const rep = await addUserWithRole(ctx, admin, "rep@acme.test", "Sales rep");
    const me = (await rep.get<{ user: { id: string } }>("/api/v1/auth/session")).body.user.id;
    await admin.post("/api/v1/tasks", { title: "Call back", ownerId: me });
    const unread = () => rep.get<{ count: number }>("/api/v1/notifications/unread-count");
    expect((await unread()).body.count).toBe(1);

    unknownFields(
      await rep.post<ErrorBody>("/api/v1/notifications/read-all", { ids: ["x"], bogus: 1 }),
      "ids",
      "bogus",
    );
    const one = (await rep.get<{ data: { id: string }[] }>("/api/v1/notifications")).body.data[0];
    unknownFields(await rep.post<ErrorBody>(`/api/v1/notifications/${one?.id}/read`, { all: true }), "all");
    expect((await unread()).body.count).toBe(1);

    // No body at all, as the web app sends it, or an empty object.
    const res = await rep.request<{ updated: number }>("POST", "/api/v1/notifications/read-all");
    expect(res.body).toEqual({ updated: 1 });
    expect((await unread()).body.count).toBe(0);
  });

  it("restore refuses unknown fields, and a stale version is a 409 that leaves the record in the trash", async () => {
    const customer = (await admin.post<Customer>("/api/v1/customers", { name: "Trashed Ltd" })).body;
    await admin.request("DELETE", `/api/v1/customers/${customer.id}`);
    const inTrash = (await admin.get<Customer>(`/api/v1/customers/${customer.id}?deleted=true`)).body;
    const url = `/api/v1/customers/${customer.id}/restore`;

    unknownFields(await admin.post<ErrorBody>(url, { bogus: 1, version: inTrash.version }), "bogus");
    const stale = await admin.post<ErrorBody>(url, { version: customer.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect(stale.body.error.details).toEqual([
      { path: "version", message: `is ${customer.version}, current is ${customer.version + 1}` },
    ]);
    expect((await admin.get(`/api/v1/customers/${customer.id}`)).status).toBe(404);

    const restored = await admin.post<Customer>(url, { version: customer.version + 1 });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ deletedAt: null, version: customer.version + 2 });

    // Without a version (the web app's restore), as before.
    const task = (await admin.post<{ id: string }>("/api/v1/tasks", { title: "Old task" })).body;
    await admin.request("DELETE", `/api/v1/tasks/${task.id}`);
    expect((await admin.request("POST", `/api/v1/tasks/${task.id}/restore`)).status).toBe(200);
  });

  it("claim and log out refuse a body with fields", async () => {
    const customer = (await admin.post<Customer>("/api/v1/customers", { name: "Pooled Co" })).body;
    const released = await admin.post(`/api/v1/customers/${customer.id}/release`, { reason: "No budget" });
    expect(released.status).toBe(200);
    const claim = `/api/v1/pool/customers/${customer.id}/claim`;
    unknownFields(await admin.post<ErrorBody>(claim, { reason: "x", bogus: true }), "reason", "bogus");
    expect((await admin.get<Customer>(`/api/v1/customers/${customer.id}`)).body.ownerId).toBeNull();
    expect((await admin.post<Customer>(claim, {})).status).toBe(200);

    unknownFields(await admin.post<ErrorBody>("/api/v1/auth/logout", { everywhere: true }), "everywhere");
    expect((await admin.get("/api/v1/auth/session")).status).toBe(200);
  });

  it("an import's undo takes force in its query only: a body with fields is refused and undoes nothing", async () => {
    const csv = "Name,Phone\r\nUndo Body Ltd,021-5555-0177\r\n";
    const uploaded = await uploadImport<{ batch: { id: string } }>(ctx, admin, csv, "objectType=customer");
    const batch = uploaded.body.batch.id;
    expect((await admin.post(`/api/v1/imports/${batch}/run`, { mapping: { "0": "name", "1": "phone" } })).status).toBe(
      202,
    );
    await runDueJobs(ctx);
    const status = async () => (await admin.get<{ status: string }>(`/api/v1/imports/${batch}`)).body.status;
    expect(await status()).toBe("done");

    unknownFields(
      await admin.post<ErrorBody>(`/api/v1/imports/${batch}/undo`, { force: true, bogus: 1 }),
      "force",
      "bogus",
    );
    expect(await status()).toBe("done");
    const customers = async () =>
      (await admin.get<{ data: Customer[] }>("/api/v1/customers?q=Undo%20Body")).body.data.map((c) => c.name);
    expect(await customers()).toEqual(["Undo Body Ltd"]);

    // No body, as the web app sends it, with force in the query.
    expect((await admin.request("POST", `/api/v1/imports/${batch}/undo?force=true`)).status).toBe(202);
    await runDueJobs(ctx);
    expect(await status()).toBe("undone");
    expect(await customers()).toEqual([]);
  });

  it("archiving and restoring a custom field refuse a body with fields, and leave its state", async () => {
    type Field = { id: string; state: string };
    const field = (
      await admin.post<Field>("/api/v1/custom-fields", {
        objectType: "customer",
        key: "body_check",
        type: "text",
        label: { en: "Body check", "zh-CN": "请求体检查" },
      })
    ).body;
    const state = async () =>
      (await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer&archived=true")).body.data.find(
        (f) => f.id === field.id,
      )?.state;

    const archive = `/api/v1/custom-fields/${field.id}/archive`;
    unknownFields(await admin.post<ErrorBody>(archive, { purge: true }), "purge");
    expect(await state()).toBe("active");
    expect((await admin.request<Field>("POST", archive)).body.state).toBe("archived");

    const restore = `/api/v1/custom-fields/${field.id}/restore`;
    unknownFields(await admin.post<ErrorBody>(restore, { version: 2 }), "version");
    expect(await state()).toBe("archived");
    expect((await admin.post<Field>(restore, {})).body.state).toBe("active");
  });
});
