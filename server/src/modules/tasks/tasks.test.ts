import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addUserWithRole,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";

type Task = {
  id: string;
  version: number;
  title: string;
  dueAt: string | null;
  remindAt: string | null;
  priority: string;
  status: string;
  completedAt: string | null;
  relatedType: string | null;
  relatedId: string | null;
  relatedName: string | null;
  ownerId: string | null;
  ownerName: string | null;
};
type List = { data: Task[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; details: { path: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;
let customerId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId } = await setUpOrganization(ctx));
  const customer = await admin.post<{ id: string }>("/api/v1/customers", { name: "蓝海贸易" });
  customerId = customer.body.id;
});
afterAll(() => ctx.close());

const create = (body: Record<string, unknown>) => admin.post<Task>("/api/v1/tasks", body);
const taskCount = async () => (await admin.get<List>("/api/v1/tasks?limit=200")).body.data.length;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("tasks: records", () => {
  it("creates a task about a customer, assigned to the creator, and completes it", async () => {
    const created = await create({
      title: "Call back about the quote",
      dueAt: inHours(48),
      remindAt: inHours(47),
      priority: "high",
      relatedType: "customer",
      relatedId: customerId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      status: "open",
      priority: "high",
      ownerId: adminId,
      ownerName: "Admin",
      relatedName: "蓝海贸易",
      completedAt: null,
    });

    const done = await admin.patch<Task>(`/api/v1/tasks/${created.body.id}`, { version: 1, status: "done" });
    expect(done.status).toBe(200);
    expect(done.body.completedAt).not.toBeNull();
    const reopened = await admin.patch<Task>(`/api/v1/tasks/${created.body.id}`, { version: 2, status: "open" });
    expect(reopened.body).toMatchObject({ status: "open", completedAt: null, version: 3 });

    const stale = await admin.patch<ErrorBody>(`/api/v1/tasks/${created.body.id}`, { version: 1, title: "x" });
    expect(stale.status).toBe(409);

    const audit = await admin.get<{ data: { action: string }[] }>(`/api/v1/tasks/${created.body.id}/audit`);
    expect(audit.body.data.map((e) => e.action)).toEqual(["update", "update", "create"]);
  });

  it("refuses a reminder at or after the due time, naming the field, and creates nothing", async () => {
    const before = await taskCount();
    const res = await create({ title: "Late reminder", dueAt: inHours(1), remindAt: inHours(2) });
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.details[0]?.path).toBe("remindAt");
    expect(await taskCount()).toBe(before);

    const task = await create({ title: "Due later", dueAt: inHours(5), remindAt: inHours(4) });
    const moved = await admin.patch<ErrorBody>(`/api/v1/tasks/${task.body.id}`, { version: 1, dueAt: inHours(3) });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details[0]?.path).toBe("remindAt");

    // A reminder reaches the assignee: with none it would reach no one.
    const nobody = await create({ title: "Unassigned", remindAt: inHours(2), ownerId: null });
    expect(nobody.status).toBe(400);
    expect((nobody.body as unknown as ErrorBody).error.details[0]?.path).toBe("remindAt");
    const unassigned = await admin.patch<ErrorBody>(`/api/v1/tasks/${task.body.id}`, { version: 1, ownerId: null });
    expect(unassigned.status).toBe(400);
    expect(unassigned.body.error.details[0]?.path).toBe("remindAt");
    // An offset that is no offset is named as such, not as a year out of range.
    const offset = await create({ title: "Odd zone", dueAt: "2027-01-01T10:00:00+25:00" });
    expect(offset.status).toBe(400);
    expect((offset.body as unknown as { error: { details: { message: string }[] } }).error.details).toEqual([
      { path: "dueAt", message: "Invalid ISO datetime" },
    ]);
  });

  it("refuses an unknown related record, naming the field, and creates nothing", async () => {
    const before = await taskCount();
    const res = await create({
      title: "About nobody",
      relatedType: "customer",
      relatedId: "01890000-0000-7000-8000-000000000000",
    });
    expect(res.status).toBe(422);
    expect((res.body as unknown as ErrorBody).error.details[0]?.path).toBe("relatedId");
    const half = await create({ title: "Half a link", relatedId: customerId });
    expect(half.status).toBe(400);
    expect((half.body as unknown as ErrorBody).error.details[0]?.path).toBe("relatedType");
    const badType = await create({ title: "Odd type", relatedType: "planet", relatedId: customerId });
    expect(badType.status).toBe(400);
    expect((badType.body as unknown as ErrorBody).error.details[0]?.path).toBe("relatedType");
    expect(await taskCount()).toBe(before);
  });

  it("appears in the customer's timeline as a task", async () => {
    const task = await create({ title: "Send the brochure", relatedType: "customer", relatedId: customerId });
    const timeline = await admin.get<{ data: { kind: string; title: string; entity: { id: string } }[] }>(
      `/api/v1/customers/${customerId}/timeline?kinds=task`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.data.map((e) => e.kind)).toEqual(expect.arrayContaining(["task"]));
    expect(timeline.body.data.find((e) => e.entity.id === task.body.id)?.title).toBe("Send the brochure");
    const filtered = await admin.get<List>(`/api/v1/tasks?relatedType=customer&relatedId=${customerId}&limit=200`);
    expect(filtered.body.data.some((t) => t.id === task.body.id)).toBe(true);
  });
});

describe("tasks: about a contact", () => {
  type TimelineEntry = { kind: string; entity: { id: string }; data: Record<string, unknown> };

  it("links a task to a contact, lists it by the contact, and shows it in the contact's customer's timeline", async () => {
    const contact = await admin.post<{ id: string }>("/api/v1/contacts", { name: "王芳", customerId });
    const created = await create({
      title: "Send 王芳 the contract",
      relatedType: "contact",
      relatedId: contact.body.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ relatedType: "contact", relatedId: contact.body.id, relatedName: "王芳" });
    const done = await create({
      title: "Met 王芳",
      relatedType: "contact",
      relatedId: contact.body.id,
      status: "done",
    });

    const about = (query: string) =>
      admin.get<List>(`/api/v1/tasks?relatedType=contact&relatedId=${contact.body.id}${query}`);
    expect((await about("")).body.data.map((t) => t.title).sort()).toEqual(["Met 王芳", "Send 王芳 the contract"]);
    expect((await about("&open=true")).body.data.map((t) => t.title)).toEqual(["Send 王芳 the contract"]);

    const timeline = await admin.get<{ data: TimelineEntry[] }>(`/api/v1/customers/${customerId}/timeline?kinds=task`);
    const entry = timeline.body.data.find((e) => e.entity.id === created.body.id);
    expect(entry?.data).toMatchObject({ relatedType: "contact", relatedId: contact.body.id, relatedName: "王芳" });
    expect(timeline.body.data.some((e) => e.entity.id === done.body.id)).toBe(true);

    // Moving the task to the customer itself keeps it in the timeline, now about the customer.
    const moved = await admin.patch<Task>(`/api/v1/tasks/${created.body.id}`, {
      version: 1,
      relatedType: "customer",
      relatedId: customerId,
    });
    expect(moved.body).toMatchObject({ relatedType: "customer", relatedName: "蓝海贸易" });
  });

  it("refuses a contact the caller cannot see, naming relatedId, and creates nothing", async () => {
    const hidden = await admin.post<{ id: string }>("/api/v1/contacts", { name: "Private person" });
    const rep = await addUserWithRole(ctx, admin, "task-rep@acme.test", "Sales rep");
    const before = await taskCount();
    const res = await rep.post<ErrorBody>("/api/v1/tasks", {
      title: "About someone else's contact",
      relatedType: "contact",
      relatedId: hidden.body.id,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]?.path).toBe("relatedId");
    // A customer's id given as a contact is no contact at all.
    const wrongType = await create({ title: "Mixed up", relatedType: "contact", relatedId: customerId });
    expect(wrongType.status).toBe(422);
    expect((wrongType.body as unknown as ErrorBody).error.details[0]?.path).toBe("relatedId");
    expect(await taskCount()).toBe(before);
  });
});

describe("tasks: assigned to a colleague", () => {
  it("lets a sales rep assign a task to a colleague; both see it, a third rep does not", async () => {
    const [ann, bob, cat] = [
      await addUserWithRole(ctx, admin, "ann@acme.test", "Sales rep"),
      await addUserWithRole(ctx, admin, "bob@acme.test", "Sales rep"),
      await addUserWithRole(ctx, admin, "cat@acme.test", "Sales rep"),
    ];
    const users = await admin.get<{ data: { id: string; email: string }[] }>("/api/v1/users");
    const bobId = users.body.data.find((u) => u.email === "bob@acme.test")?.id;
    const task = await ann.post<Task>("/api/v1/tasks", { title: "Visit the plant with me", ownerId: bobId });
    expect(task.status).toBe(201);
    expect(task.body.ownerId).toBe(bobId);

    const titles = async (client: ApiClient, url: string) =>
      (await client.get<List>(url)).body.data.map((t) => t.title);
    expect(await titles(bob, "/api/v1/tasks/mine")).toContain("Visit the plant with me");
    expect(await titles(ann, "/api/v1/tasks")).toContain("Visit the plant with me");
    expect(await titles(ann, "/api/v1/tasks/mine")).not.toContain("Visit the plant with me");
    expect(await titles(ann, "/api/v1/tasks/mine?delegated=true")).toEqual(["Visit the plant with me"]);
    expect(await titles(bob, "/api/v1/tasks/mine?delegated=true")).toEqual([]);
    expect(await titles(cat, "/api/v1/tasks")).not.toContain("Visit the plant with me");
    expect((await cat.get(`/api/v1/tasks/${task.body.id}`)).status).toBe(404);
    // Whoever asked may still change it, e.g. move the date.
    const moved = await ann.patch<Task>(`/api/v1/tasks/${task.body.id}`, { version: 1, dueAt: inHours(24) });
    expect(moved.status).toBe(200);
    // The assignee passes it on to a third rep: done, though it then leaves his sight.
    const catId = users.body.data.find((u) => u.email === "cat@acme.test")?.id;
    const passed = await bob.patch<Task>(`/api/v1/tasks/${task.body.id}`, { version: 2, ownerId: catId });
    expect(passed.status).toBe(200);
    expect(passed.body.ownerId).toBe(catId);
    expect(await titles(cat, "/api/v1/tasks/mine")).toContain("Visit the plant with me");
    expect((await bob.get(`/api/v1/tasks/${task.body.id}`)).status).toBe(404);
  });

  it("never shows whoever asked the name of a customer the assignee linked and they cannot see", async () => {
    const [dan, eve] = [
      await addUserWithRole(ctx, admin, "dan.asks@acme.test", "Sales rep"),
      await addUserWithRole(ctx, admin, "eve.assigned@acme.test", "Sales rep"),
    ];
    const eveId = (await eve.get<{ user: { id: string } }>("/api/v1/auth/session")).body.user.id;
    const secret = await eve.post<{ id: string }>("/api/v1/customers", { name: "Eve's Secret Account" });
    const task = await dan.post<Task>("/api/v1/tasks", { title: "Prepare the offer", ownerId: eveId });
    const linked = await eve.patch<Task>(`/api/v1/tasks/${task.body.id}`, {
      version: 1,
      relatedType: "customer",
      relatedId: secret.body.id,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.relatedName).toBe("Eve's Secret Account");

    const asked = (await dan.get<Task>(`/api/v1/tasks/${task.body.id}`)).body;
    expect(asked).toMatchObject({ relatedType: "customer", relatedId: secret.body.id, relatedName: null });
    const listed = (await dan.get<List>("/api/v1/tasks/mine?delegated=true")).body.data;
    expect(listed.find((t) => t.id === task.body.id)?.relatedName).toBeNull();
    expect(JSON.stringify(listed)).not.toContain("Secret");
    // Whoever asked may still change the task; the link they cannot see stays as it is.
    const edited = await dan.patch<Task>(`/api/v1/tasks/${task.body.id}`, {
      version: 2,
      title: "Prepare the offer by Friday",
      relatedType: "customer",
      relatedId: secret.body.id,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ relatedId: secret.body.id, relatedName: null });
    // Linking it anew to a record they cannot see is still refused.
    const other = await eve.post<{ id: string }>("/api/v1/customers", { name: "Eve's Other Account" });
    const relinked = await dan.patch<ErrorBody>(`/api/v1/tasks/${task.body.id}`, {
      version: 3,
      relatedId: other.body.id,
    });
    expect(relinked.status).toBe(422);
    expect(relinked.body.error.details[0]?.path).toBe("relatedId");
  });
});

describe("tasks: due filters in the organization's time zone (Asia/Shanghai, UTC+8)", () => {
  it("splits tasks into overdue, today, upcoming and none by Shanghai's days, not UTC's", async () => {
    const ctx2 = await createTestContext();
    try {
      const { admin: boss } = await setUpOrganization(ctx2, "Zone Co", "zone@acme.test");
      // Midnight in Shanghai (no daylight saving): the UTC day of "now + 8 h", minus 8 h.
      const shanghaiNow = new Date(Date.now() + 8 * 3_600_000);
      const startOfToday =
        Date.UTC(shanghaiNow.getUTCFullYear(), shanghaiNow.getUTCMonth(), shanghaiNow.getUTCDate()) - 8 * 3_600_000;
      const startOfTomorrow = startOfToday + 24 * 3_600_000;
      const minute = 60_000;
      const at = (ms: number) => new Date(ms).toISOString();
      const make = (title: string, dueAt: string | null, status = "open") =>
        boss.post<Task>("/api/v1/tasks", { title, dueAt, status });
      await make("yesterday late", at(startOfToday - minute));
      await make("yesterday done", at(startOfToday - minute), "done");
      await make("today early", at(startOfToday + minute));
      await make("today late", at(startOfTomorrow - minute));
      await make("tomorrow early", at(startOfTomorrow + minute));
      await make("someday", null);
      const titles = async (url: string) => (await boss.get<List>(url)).body.data.map((t) => t.title).sort();
      expect(await titles("/api/v1/tasks?due=overdue")).toEqual(["yesterday late"]);
      expect(await titles("/api/v1/tasks?due=today")).toEqual(["today early", "today late"]);
      expect(await titles("/api/v1/tasks?due=upcoming")).toEqual(["tomorrow early"]);
      expect(await titles("/api/v1/tasks?due=none")).toEqual(["someday"]);
      expect(await titles("/api/v1/tasks/mine?due=today")).toEqual(["today early", "today late"]);
      const sorted = await boss.get<List>("/api/v1/tasks/mine?open=true&sort=dueAt&limit=2");
      expect(sorted.body.data.map((t) => t.title)).toEqual(["yesterday late", "today early"]);
      const next = await boss.get<List>(
        `/api/v1/tasks/mine?open=true&sort=dueAt&limit=10&cursor=${sorted.body.nextCursor}`,
      );
      expect(next.body.data.map((t) => t.title)).toEqual(["today late", "tomorrow early", "someday"]);
    } finally {
      await ctx2.close();
    }
  });

  it("lists only the caller's tasks under mine", async () => {
    const mine = await admin.get<List>("/api/v1/tasks/mine?limit=200");
    expect(mine.status).toBe(200);
    expect(mine.body.data.every((t) => t.ownerId === adminId)).toBe(true);
  });
});

describe("tasks: with the customer they are about", () => {
  it("go with the customer's team members at their access, and to its owner", async () => {
    const [dan, eve] = [
      await addUserWithRole(ctx, admin, "dan@acme.test", "Sales rep"),
      await addUserWithRole(ctx, admin, "eve@acme.test", "Sales rep"),
    ];
    const users = await admin.get<{ data: { id: string; email: string }[] }>("/api/v1/users");
    const idOf = (email: string) => users.body.data.find((u) => u.email === email)?.id as string;
    const customer = await dan.post<{ id: string; version: number }>("/api/v1/customers", { name: "Shared Tasks Co" });
    const task = await dan.post<Task>("/api/v1/tasks", {
      title: "Send the quote",
      relatedType: "customer",
      relatedId: customer.body.id,
    });
    expect(task.status).toBe(201);
    const url = `/api/v1/tasks/${task.body.id}`;
    expect((await eve.get(url)).status).toBe(404);

    const share = (access: string) =>
      dan.request("PUT", `/api/v1/customers/${customer.body.id}/members/${idOf("eve@acme.test")}`, { access });
    expect((await share("read")).status).toBeLessThan(300);
    expect((await eve.get<Task>(url)).body.title).toBe("Send the quote");
    expect(
      (await eve.get<List>(`/api/v1/tasks?relatedType=customer&relatedId=${customer.body.id}`)).body.data,
    ).toHaveLength(1);
    expect((await eve.patch(url, { version: 1, status: "done" })).status).toBe(403);
    expect((await share("write")).status).toBeLessThan(300);
    const done = await eve.patch<Task>(url, { version: 1, status: "done" });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe("done");

    // A new owner of the customer reads the tasks about it that the old owner kept.
    expect(
      (await dan.request("DELETE", `/api/v1/customers/${customer.body.id}/members/${idOf("eve@acme.test")}`)).status,
    ).toBeLessThan(300);
    expect((await eve.get(url)).status).toBe(404);
    const moved = await admin.post(`/api/v1/customers/${customer.body.id}/transfer`, {
      ownerId: idOf("eve@acme.test"),
      reason: "territory change",
    });
    expect(moved.status).toBe(200);
    expect((await eve.get<Task>(url)).body.ownerId).toBe(idOf("dan@acme.test"));
  });
});
