import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";

type FollowUp = {
  id: string;
  version: number;
  customerId: string;
  customerName: string | null;
  kind: string;
  occurredAt: string;
  content: string;
  outcome: string | null;
  nextFollowUpAt: string | null;
  ownerName: string | null;
  deletedAt: string | null;
};
type Customer = { id: string; version: number; lastFollowUpAt: string | null; nextFollowUpAt: string | null };
type List<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; details: { path: string }[] } };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const DAY = 24 * 60 * 60 * 1000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const newCustomer = async (name: string) => (await admin.post<Customer>("/api/v1/customers", { name })).body;
const getCustomer = async (id: string) => (await admin.get<Customer>(`/api/v1/customers/${id}`)).body;
const log = (body: Record<string, unknown>) => admin.post<FollowUp>("/api/v1/follow-ups", body);
const followUpsOf = async (customerId: string) =>
  (await admin.get<List<FollowUp>>(`/api/v1/follow-ups?customerId=${customerId}&limit=200`)).body.data;

describe("follow-ups: records", () => {
  it("logs, reads, changes and lists a follow-up", async () => {
    const customer = await newCustomer("Lenovo");
    const created = await log({
      customerId: customer.id,
      kind: "call",
      content: "Called about the renewal",
      outcome: "Wants a quote",
      nextFollowUpAt: iso(3 * DAY),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      kind: "call",
      customerName: "Lenovo",
      outcome: "Wants a quote",
      ownerName: "Admin",
      deletedAt: null,
    });
    // occurredAt defaults to now.
    expect(Math.abs(Date.parse(created.body.occurredAt) - Date.now())).toBeLessThan(60_000);

    const updated = await admin.patch<FollowUp>(`/api/v1/follow-ups/${created.body.id}`, {
      version: 1,
      kind: "meeting",
      outcome: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, kind: "meeting", outcome: null });
    const stale = await admin.patch(`/api/v1/follow-ups/${created.body.id}`, { version: 1, content: "x" });
    expect(stale.status).toBe(409);

    const byKind = await admin.get<List<FollowUp>>(`/api/v1/follow-ups?customerId=${customer.id}&kind=meeting`);
    expect(byKind.body.data.map((f) => f.id)).toEqual([created.body.id]);
    const none = await admin.get<List<FollowUp>>(`/api/v1/follow-ups?customerId=${customer.id}&kind=visit`);
    expect(none.body.data).toEqual([]);

    const audit = await admin.get<{ data: { action: string }[] }>(`/api/v1/follow-ups/${created.body.id}/audit`);
    expect(audit.body.data.map((a) => a.action)).toEqual(["update", "create"]);
  });

  it("filters by when it happened and sorts oldest or newest first", async () => {
    const customer = await newCustomer("Xiaomi");
    for (const days of [10, 5, 1]) {
      expect(
        (await log({ customerId: customer.id, kind: "note", content: `${days}`, occurredAt: iso(-days * DAY) })).status,
      ).toBe(201);
    }
    const recent = await admin.get<List<FollowUp>>(
      `/api/v1/follow-ups?customerId=${customer.id}&occurredFrom=${encodeURIComponent(iso(-6 * DAY))}`,
    );
    expect(recent.body.data.map((f) => f.content)).toEqual(["1", "5"]);
    const older = await admin.get<List<FollowUp>>(
      `/api/v1/follow-ups?customerId=${customer.id}&occurredTo=${encodeURIComponent(iso(-6 * DAY))}`,
    );
    expect(older.body.data.map((f) => f.content)).toEqual(["10"]);
    const ascending = await admin.get<List<FollowUp>>(`/api/v1/follow-ups?customerId=${customer.id}&sort=occurredAt`);
    expect(ascending.body.data.map((f) => f.content)).toEqual(["10", "5", "1"]);
  });

  it("lists the follow-ups naming a contact, for the contact's page", async () => {
    const customer = await newCustomer("Huawei");
    const [lin, zhou] = [
      (await admin.post<{ id: string }>("/api/v1/contacts", { name: "林", customerId: customer.id })).body,
      (await admin.post<{ id: string }>("/api/v1/contacts", { name: "周", customerId: customer.id })).body,
    ];
    await log({ customerId: customer.id, kind: "visit", content: "both", contactIds: [lin.id, zhou.id] });
    await log({ customerId: customer.id, kind: "call", content: "Lin only", contactIds: [lin.id] });
    await log({ customerId: customer.id, kind: "note", content: "nobody" });
    const about = async (contactId: string) =>
      (await admin.get<List<FollowUp>>(`/api/v1/follow-ups?contactId=${contactId}`)).body.data.map((f) => f.content);
    expect(await about(lin.id)).toEqual(["Lin only", "both"]);
    expect(await about(zhou.id)).toEqual(["both"]);
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    const customer = await newCustomer("Haier");
    const cases: [Record<string, unknown>, string, number][] = [
      [{ customerId: customer.id, kind: "call", content: "x", occurredAt: iso(3 * DAY) }, "occurredAt", 400],
      [
        { customerId: customer.id, kind: "call", content: "x", occurredAt: iso(-DAY), nextFollowUpAt: iso(-2 * DAY) },
        "nextFollowUpAt",
        400,
      ],
      [{ customerId: "0190a000-0000-7000-8000-000000000000", kind: "call", content: "x" }, "customerId", 422],
      [{ customerId: customer.id, kind: "fax", content: "x" }, "kind", 400],
      [{ customerId: customer.id, kind: "call", content: "   " }, "content", 400],
      [{ customerId: customer.id, kind: "call", content: "x".repeat(10_001) }, "content", 400],
      [{ customerId: customer.id, kind: "call", content: "x", outcome: "y".repeat(2_001) }, "outcome", 400],
      [{ customerId: customer.id, kind: "call", content: "x", contactIds: ["nope"] }, "contactIds.0", 400],
      [
        { customerId: customer.id, kind: "call", content: "x", contactIds: ["0190a000-0000-7000-8000-000000000000"] },
        "contactIds",
        422,
      ],
    ];
    for (const [body, field, status] of cases) {
      const res = await log(body);
      expect(res.status, field).toBe(status);
      expect((res.body as unknown as ErrorBody).error.details.map((d) => d.path)).toContain(field);
    }
    expect(await followUpsOf(customer.id)).toEqual([]);
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: null, nextFollowUpAt: null });

    // On update the check uses the stored occurredAt when only nextFollowUpAt changes.
    const ok = await log({ customerId: customer.id, kind: "call", content: "x", occurredAt: iso(-DAY) });
    const bad = await admin.patch(`/api/v1/follow-ups/${ok.body.id}`, { version: 1, nextFollowUpAt: iso(-2 * DAY) });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ErrorBody).error.details[0]?.path).toBe("nextFollowUpAt");
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${ok.body.id}`)).body).toMatchObject({
      version: 1,
      nextFollowUpAt: null,
    });
  });
});

describe("follow-ups: the customer's last and next follow-up", () => {
  it("follows every create, update, trash, restore and purge", async () => {
    const customer = await newCustomer("BYD");
    const t1 = iso(-5 * DAY);
    const plan1 = iso(2 * DAY);
    await log({ customerId: customer.id, kind: "visit", content: "Visit", occurredAt: t1, nextFollowUpAt: plan1 });
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t1, nextFollowUpAt: plan1, version: 1 });

    // A later follow-up without a plan keeps the pending one.
    const t2 = iso(-DAY);
    const second = await log({ customerId: customer.id, kind: "email", content: "Sent the deck", occurredAt: t2 });
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t2, nextFollowUpAt: plan1 });

    // A newer plan replaces the older one.
    const plan2 = iso(5 * DAY);
    const changed = await admin.patch<FollowUp>(`/api/v1/follow-ups/${second.body.id}`, {
      version: 1,
      nextFollowUpAt: plan2,
    });
    expect(changed.status).toBe(200);
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t2, nextFollowUpAt: plan2 });

    // Trash the latest: back to the first one's values; restore: as before.
    expect((await admin.delete(`/api/v1/follow-ups/${second.body.id}`)).status).toBe(204);
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t1, nextFollowUpAt: plan1 });
    expect((await admin.post(`/api/v1/follow-ups/${second.body.id}/restore`)).status).toBe(200);
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t2, nextFollowUpAt: plan2 });

    // A plan nobody carried out stays, overdue; a follow-up after the planned time carries it out.
    const overduePlan = iso(-2 * 60 * 60 * 1000);
    const replanned = await admin.patch(`/api/v1/follow-ups/${second.body.id}`, {
      version: 4,
      nextFollowUpAt: overduePlan,
    });
    expect(replanned.status).toBe(200);
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t2, nextFollowUpAt: overduePlan });
    const done = await log({ customerId: customer.id, kind: "call", content: "Done", occurredAt: iso(-60_000) });
    expect(done.status).toBe(201);
    expect(await getCustomer(customer.id)).toMatchObject({
      lastFollowUpAt: done.body.occurredAt,
      nextFollowUpAt: null,
    });

    // Moving a follow-up to another customer updates both.
    const other = await newCustomer("Geely");
    const refiled = await admin.patch(`/api/v1/follow-ups/${done.body.id}`, { version: 1, customerId: other.id });
    expect(refiled.status).toBe(200);
    expect(await getCustomer(other.id)).toMatchObject({ lastFollowUpAt: done.body.occurredAt });
    expect(await getCustomer(customer.id)).toMatchObject({ lastFollowUpAt: t2, nextFollowUpAt: overduePlan });

    // Purge from the trash: the other customer has none left.
    expect((await admin.delete(`/api/v1/follow-ups/${done.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/follow-ups/${done.body.id}?purge=true`)).status).toBe(204);
    expect(await getCustomer(other.id)).toMatchObject({ lastFollowUpAt: null, nextFollowUpAt: null });

    // Derived values are not user changes: the customer's version and history stay as they were.
    const after = await getCustomer(customer.id);
    expect(after.version).toBe(1);
    const history = await admin.get<{ data: { action: string }[] }>(`/api/v1/customers/${customer.id}/audit`);
    expect(history.body.data.map((a) => a.action)).toEqual(["create"]);
  });

  it("filters the customer list by when the next follow-up is due", async () => {
    const [overdue, today, week, later, none] = await Promise.all(
      ["Due-overdue", "Due-today", "Due-week", "Due-later", "Due-none"].map(newCustomer),
    );
    if (!overdue || !today || !week || !later || !none) throw new Error("customers missing");
    const plan = async (customer: Customer, next: string, occurredAt = iso(-10 * DAY)) =>
      expect(
        (await log({ customerId: customer.id, kind: "note", content: "plan", occurredAt, nextFollowUpAt: next }))
          .status,
      ).toBe(201);
    await plan(overdue, iso(-DAY));
    // Today in Asia/Shanghai (the test organization's time zone): just ahead of now is still today
    // unless now is in the last minute of the day there.
    await plan(today, iso(60_000));
    await plan(week, iso(3 * DAY));
    await plan(later, iso(30 * DAY));
    const names = async (due: string) =>
      (await admin.get<List<{ name: string }>>(`/api/v1/customers?followUpDue=${due}&q=due-&limit=200`)).body.data
        .map((c) => c.name)
        .sort();
    expect(await names("overdue")).toEqual(["Due-overdue"]);
    const shanghaiClock = new Date(Date.now() + 8 * 60 * 60 * 1000);
    if (shanghaiClock.getUTCHours() !== 23 || shanghaiClock.getUTCMinutes() < 59) {
      expect(await names("today")).toEqual(["Due-today"]);
      expect(await names("week")).toEqual(["Due-today", "Due-week"]);
    }
    expect(await names("none")).toEqual(["Due-none"]);
  });
});
