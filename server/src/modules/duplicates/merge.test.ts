import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type Record_ = { id: string; version: number; [key: string]: unknown };
type Audit = { data: { action: string; changes: { field: string; from: unknown; to: unknown }[] }[] };
type ErrorBody = { error: { code: string; details: { path: string }[] } };

let ctx: TestContext;
let admin: ApiClient;

const create = async (path: string, body: Record<string, unknown>) => {
  const res = await admin.post<Record_>(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const get = async (path: string) => (await admin.get<Record_>(path)).body;
const merge = (client: ApiClient, body: Record<string, unknown>) =>
  client.post<{ record: Record_; moved: Record<string, number> } & ErrorBody>("/api/v1/duplicates/merge", body);

/** Two duplicate customers, each with a primary contact, a follow-up and a task. */
async function duplicatePair(tag: string) {
  const a = await create("/api/v1/customers", { name: `${tag} Ltd`, phone: "010 1234 5678", tags: ["vip"] });
  const b = await create("/api/v1/customers", { name: `${tag} Limited`, email: `info@${tag}.com`, level: "A" });
  const contactA = await create("/api/v1/contacts", { name: "Ann", customerId: a.id, isPrimary: true });
  const contactB = await create("/api/v1/contacts", { name: "Bob", customerId: b.id, isPrimary: true });
  const followUp = await create("/api/v1/follow-ups", {
    customerId: b.id,
    contactIds: [contactB.id],
    kind: "call",
    content: "Called Bob",
    occurredAt: "2026-01-05T10:00:00.000Z",
  });
  const task = await create("/api/v1/tasks", { title: "Send quote", relatedType: "customer", relatedId: b.id });
  return { a, b, contactA, contactB, followUp, task };
}

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

describe("merging customers", () => {
  it("keeps the picked values, moves every related record and trashes the merged one", async () => {
    const { a, b, contactB, followUp, task } = await duplicatePair("initech");
    const res = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [{ id: b.id, version: b.version }],
      values: { email: b.id, level: b.id, name: a.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record).toMatchObject({
      id: a.id,
      name: "initech Ltd",
      phone: "010 1234 5678",
      email: "info@initech.com",
      level: "A",
      tags: ["vip"],
      lastFollowUpAt: "2026-01-05T10:00:00.000Z",
    });
    expect(res.body.moved).toEqual({ contacts: 1, followUps: 1, tasks: 1, members: 0 });

    expect(await get(`/api/v1/contacts/${contactB.id}`)).toMatchObject({ customerId: a.id, isPrimary: false });
    expect(await get(`/api/v1/follow-ups/${followUp.id}`)).toMatchObject({ customerId: a.id });
    expect(await get(`/api/v1/tasks/${task.id}`)).toMatchObject({ relatedId: a.id });
    const primaries = await admin.get<{ data: Record_[] }>(`/api/v1/contacts?customerId=${a.id}&isPrimary=true`);
    expect(primaries.body.data.map((c) => c.name)).toEqual(["Ann"]);

    expect((await admin.get(`/api/v1/customers/${b.id}`)).status).toBe(404);
    const trash = await admin.get<{ data: Record_[] }>("/api/v1/customers?deleted=true");
    expect(trash.body.data.map((c) => c.id)).toContain(b.id);
    const mergedHistory = (await admin.get<Audit>(`/api/v1/customers/${b.id}/audit`)).body.data;
    expect(mergedHistory[0]).toMatchObject({
      action: "merge",
      // Named as people know them: the survivor by the name it keeps.
      changes: [{ field: "mergedInto", from: null, to: "initech Ltd" }],
    });
    const survivorHistory = (await admin.get<Audit>(`/api/v1/customers/${a.id}/audit`)).body.data;
    expect(survivorHistory.map((e) => e.action).slice(0, 2)).toEqual(["merge", "update"]);
    expect(survivorHistory[0]?.changes).toEqual([{ field: "mergedFrom", from: null, to: ["initech Limited"] }]);
    const followUpHistory = (await admin.get<Audit>(`/api/v1/follow-ups/${followUp.id}/audit`)).body.data;
    expect(followUpHistory[0]?.changes).toEqual([{ field: "customerId", from: b.id, to: a.id }]);
  });

  it("gives the survivor a unique custom value picked from a merged record", async () => {
    const field = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "tax_id",
      type: "text",
      label: { en: "Tax id", "zh-CN": "税号" },
      unique: true,
    });
    expect(field.status).toBe(201);
    const a = await create("/api/v1/customers", { name: "Soylent Ltd" });
    const b = await create("/api/v1/customers", { name: "Soylent Limited", custom: { tax_id: "91310000X" } });
    const res = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [{ id: b.id, version: b.version }],
      custom: { tax_id: b.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record.custom).toEqual({ tax_id: "91310000X" });
    // Still unique afterwards: a third record may not take it.
    const third = await admin.post("/api/v1/customers", { name: "Other", custom: { tax_id: "91310000X" } });
    expect(third.status).toBe(409);
  });

  it("changes nothing when one record was changed meanwhile (version conflict)", async () => {
    const { a, b, contactB, followUp } = await duplicatePair("umbrella");
    const third = await create("/api/v1/customers", { name: "umbrella Corp" });
    const res = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [
        { id: b.id, version: b.version },
        { id: third.id, version: third.version + 1 },
      ],
      values: { name: third.id, email: b.id },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details[0]?.path).toBe("merged.1.version");
    expect(await get(`/api/v1/customers/${a.id}`)).toMatchObject({ name: "umbrella Ltd", email: null, version: 1 });
    expect(await get(`/api/v1/customers/${b.id}`)).toMatchObject({ deletedAt: null });
    expect(await get(`/api/v1/contacts/${contactB.id}`)).toMatchObject({ customerId: b.id, isPrimary: true });
    expect(await get(`/api/v1/follow-ups/${followUp.id}`)).toMatchObject({ customerId: b.id });
  });

  it("refuses bad input naming the field", async () => {
    const { a, b } = await duplicatePair("hooli");
    const base = { objectType: "customer", survivor: { id: a.id, version: 1 }, merged: [{ id: b.id, version: 1 }] };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, values: { nope: b.id } }, 400, "values.nope"],
      [{ ...base, values: { name: crypto.randomUUID() } }, 400, "values.name"],
      [{ ...base, merged: [{ id: a.id, version: 1 }] }, 400, "merged"],
      [{ ...base, merged: [] }, 400, "merged"],
      [{ ...base, merged: [{ id: crypto.randomUUID(), version: 1 }] }, 404, "merged.0.id"],
      [{ ...base, survivor: { id: a.id, version: 7 } }, 409, "survivor.version"],
    ];
    for (const [body, status, path] of cases) {
      const res = await merge(admin, body);
      expect(res.status, path).toBe(status);
      expect(res.body.error.details[0]?.path).toBe(path);
    }
  });

  it("needs edit on the survivor and delete on the merged records, within scope", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Editor",
      permissions: { customers: { actions: ["view", "edit"], scope: "all" } },
    });
    await admin.post("/api/v1/users", {
      name: "Ed",
      email: "ed@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    const ed = await ctx.signIn("ed@acme.test", PASSWORD);
    const { a, b } = await duplicatePair("vandelay");
    const body = { objectType: "customer", survivor: { id: a.id, version: 1 }, merged: [{ id: b.id, version: 1 }] };
    expect((await merge(ed, body)).status).toBe(403);
    const other = await addOrganization(ctx, "Other", "admin@other.test");
    expect((await merge(other.admin, body)).status).toBe(404);
    expect(await get(`/api/v1/customers/${b.id}`)).toMatchObject({ deletedAt: null });
  });
});

describe("merging custom fields", () => {
  it("keeps, per key, the custom value of the record picked", async () => {
    for (const key of ["region", "segment"]) {
      const field = await admin.post("/api/v1/custom-fields", {
        objectType: "customer",
        key,
        type: "text",
        label: { en: key, "zh-CN": key },
      });
      expect(field.status, JSON.stringify(field.body)).toBe(201);
    }
    const a = await create("/api/v1/customers", { name: "Wayne Ltd", custom: { region: "North", segment: "SMB" } });
    const b = await create("/api/v1/customers", { name: "Wayne Limited", custom: { region: "South" } });
    const res = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [{ id: b.id, version: b.version }],
      custom: { region: b.id, segment: a.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record.custom).toEqual({ region: "South", segment: "SMB" });
  });
});

describe("merging with records in the trash or values archived since", () => {
  it("says which record is in the trash (restore it first), and changes nothing", async () => {
    const a = await create("/api/v1/customers", { name: "Trashco Ltd", email: "a@trashco.example" });
    const b = await create("/api/v1/customers", { name: "Trashco Limited", email: "b@trashco.example" });
    expect((await admin.delete(`/api/v1/customers/${b.id}`)).status).toBe(204);
    const trashedB = { version: b.version + 1 };
    const merged = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [{ id: b.id, version: trashedB.version }],
      values: { email: b.id },
    });
    expect(merged.status).toBe(409);
    expect(merged.body.error.details).toEqual([{ path: "merged.0.id", message: "is in the trash: restore it first" }]);
    expect(await get(`/api/v1/customers/${a.id}`)).toMatchObject({ email: "a@trashco.example", version: a.version });

    // The survivor in the trash is named too; a record nobody can see is still "not a record you can see".
    const asSurvivor = await merge(admin, {
      objectType: "customer",
      survivor: { id: b.id, version: trashedB.version },
      merged: [{ id: a.id, version: a.version }],
      values: {},
    });
    expect(asSurvivor.status).toBe(409);
    expect(asSurvivor.body.error.details[0]?.path).toBe("survivor.id");
    const other = await addOrganization(ctx, "Trash Other", "admin@trash-other.test");
    const hidden = await merge(other.admin, {
      objectType: "customer",
      survivor: { id: b.id, version: trashedB.version },
      merged: [{ id: a.id, version: a.version }],
      values: {},
    });
    expect(hidden.status).toBe(404);
    expect((await get(`/api/v1/customers/${a.id}`)).deletedAt).toBeNull();
  });

  it("takes a value a merged record holds though its option was archived since", async () => {
    const field = await admin.post<Record_>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "plan",
      type: "singleChoice",
      label: { en: "Plan", "zh-CN": "套餐" },
      options: ["basic", "legacy"].map((key) => ({ key, label: { en: key, "zh-CN": key } })),
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const a = await create("/api/v1/customers", { name: "Oldline Ltd", level: "B", custom: { plan: "basic" } });
    const b = await create("/api/v1/customers", { name: "Oldline Limited", level: "C", custom: { plan: "legacy" } });
    // Both values are archived after b took them.
    const plan = field.body as Record_ & { options: { key: string; label: unknown }[] };
    const archived = await admin.patch(`/api/v1/custom-fields/${plan.id}`, {
      version: plan.version,
      options: plan.options.map((o) => ({ ...o, archived: o.key === "legacy" })),
    });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    const levels = await admin.get<{ values: { id: string; key: string; version: number }[] }>(
      "/api/v1/option-lists/customer.level",
    );
    const levelC = levels.body.values.find((v) => v.key === "C");
    const archivedLevel = await admin.patch(`/api/v1/option-lists/customer.level/values/${levelC?.id}`, {
      version: levelC?.version,
      archived: true,
    });
    expect(archivedLevel.status, JSON.stringify(archivedLevel.body)).toBe(200);

    // Still refused to a record that does not hold them.
    const given = await admin.patch<ErrorBody>(`/api/v1/customers/${a.id}`, { version: a.version, level: "C" });
    expect(given.status).toBe(400);
    const res = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [{ id: b.id, version: b.version }],
      values: { level: b.id },
      custom: { plan: b.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record).toMatchObject({ level: "C", custom: { plan: "legacy" } });
  });
});

describe("merging customers: team members", () => {
  it("gives the merged customers' members to the survivor, with the wider access, in its history", async () => {
    const roles = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles");
    const repRole = roles.body.data.find((r) => r.name === "Sales rep")?.id;
    const person = async (name: string) =>
      (
        await admin.post<Record_>("/api/v1/users", {
          name,
          email: `${name.toLowerCase()}@acme.test`,
          password: PASSWORD,
          roleIds: [repRole],
        })
      ).body;
    const [reader, writer] = [await person("Reader"), await person("Writer")];
    const { a, b } = await duplicatePair("wayne");
    const share = (customerId: string, userId: string, access: string) =>
      admin.request("PUT", `/api/v1/customers/${customerId}/members/${userId}`, { access });
    await share(a.id, writer.id, "read");
    await share(b.id, writer.id, "write");
    await share(b.id, reader.id, "read");

    const fresh = await get(`/api/v1/customers/${a.id}`);
    const res = await merge(admin, {
      objectType: "customer",
      survivor: { id: a.id, version: fresh.version },
      merged: [{ id: b.id, version: b.version }],
      values: {},
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved).toMatchObject({ members: 2 });
    const members = await admin.get<{ data: { userName: string; access: string }[] }>(
      `/api/v1/customers/${a.id}/members`,
    );
    expect(members.body.data.map((m) => [m.userName, m.access])).toEqual([
      ["Reader", "read"],
      ["Writer", "write"],
    ]);
    const audit = await admin.get<Audit>(`/api/v1/customers/${a.id}/audit`);
    const shared = audit.body.data.find((e) =>
      e.changes.some((c) => c.field === "sharedWith" && c.to === "Reader (read)"),
    );
    expect(shared?.changes).toEqual([
      { field: "sharedWith", from: null, to: "Reader (read)" },
      { field: "sharedWith", from: "Writer (read)", to: "Writer (write)" },
    ]);
  });
});

describe("merging contacts", () => {
  it("moves follow-ups' contact links and tasks to the survivor", async () => {
    const { a, contactA, followUp } = await duplicatePair("stark");
    const twin = await create("/api/v1/contacts", { name: "Ann B.", customerId: a.id, title: "CTO" });
    const shared = await create("/api/v1/follow-ups", {
      customerId: a.id,
      contactIds: [contactA.id, twin.id],
      kind: "meeting",
      content: "Both came",
    });
    const task = await create("/api/v1/tasks", { title: "Call Ann B.", relatedType: "contact", relatedId: twin.id });
    const res = await merge(admin, {
      objectType: "contact",
      survivor: { id: contactA.id, version: contactA.version },
      merged: [{ id: twin.id, version: twin.version }],
      values: { title: twin.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record).toMatchObject({ name: "Ann", title: "CTO", isPrimary: true });
    expect((await get(`/api/v1/follow-ups/${shared.id}`)).contactIds).toEqual([contactA.id]);
    expect(await get(`/api/v1/tasks/${task.id}`)).toMatchObject({ relatedType: "contact", relatedId: contactA.id });
    expect(res.body.moved).toMatchObject({ tasks: 1 });
    expect((await get(`/api/v1/follow-ups/${followUp.id}`)).customerId).not.toBe(a.id);
    expect((await admin.get(`/api/v1/contacts/${twin.id}`)).status).toBe(404);
  });
});
