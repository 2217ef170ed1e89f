import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";

type Entry = { id: string; kind: string; at: string; title: string; data: Record<string, unknown> };
type Page = { data: Entry[]; nextCursor: string | null };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
let adminId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId, adminId } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const MINUTE = 60_000;
const newCustomer = async (name: string) =>
  (await admin.post<{ id: string; version: number }>("/api/v1/customers", { name })).body;

async function allPages(customerId: string, query: string, limit: number): Promise<Entry[][]> {
  const pages: Entry[][] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/customers/${customerId}/timeline?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ""}`;
    const res: { status: number; body: Page } = await admin.get<Page>(url);
    expect(res.status).toBe(200);
    pages.push(res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return pages;
}

const newestFirst = (a: Entry, b: Entry) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

describe("timeline: follow-ups and changes", () => {
  it("merges 60 entries newest first across pages of 7, without duplicates or gaps, and filters by kind", async () => {
    const customer = await newCustomer("Tencent");
    const base = Date.now() - 24 * 60 * MINUTE;
    const followUpIds: string[] = [];
    let version = customer.version;
    for (let i = 0; i < 45; i++) {
      // Every third follow-up shares its time with the one before: ties are broken by id.
      const occurredAt = new Date(base + (i - (i % 3 === 2 ? 1 : 0)) * MINUTE).toISOString();
      const res = await admin.post<{ id: string }>("/api/v1/follow-ups", {
        customerId: customer.id,
        kind: ["call", "meeting", "visit", "email", "note"][i % 5],
        content: `Follow-up ${i}`,
        occurredAt,
      });
      expect(res.status).toBe(201);
      followUpIds.push(res.body.id);
      if (i % 3 === 0) {
        const changed = await admin.patch<{ version: number }>(`/api/v1/customers/${customer.id}`, {
          version,
          notes: `Note ${i}`,
        });
        expect(changed.status).toBe(200);
        version = changed.body.version;
      }
    }
    // 45 follow-ups + 1 create + 15 updates of the customer.
    const pages = await allPages(customer.id, "", 7);
    const entries = pages.flat();
    expect(entries).toHaveLength(61);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(new Set(entries.map((e) => e.id)).size).toBe(61);
    expect(entries).toEqual([...entries].sort(newestFirst));

    const oneGo = await admin.get<Page>(`/api/v1/customers/${customer.id}/timeline?limit=200`);
    expect(oneGo.body.data).toEqual(entries);
    expect(oneGo.body.nextCursor).toBeNull();

    const followUpEntries = entries.filter((e) => e.kind === "followUp");
    expect(followUpEntries.map((e) => e.id).sort()).toEqual([...followUpIds].sort());
    expect(entries.filter((e) => e.kind === "change")).toHaveLength(16);
    // The newest customer update is at the top: it happened after every follow-up.
    expect(entries[0]).toMatchObject({ kind: "change" });
    expect(followUpEntries[0]).toMatchObject({
      title: "Follow-up 44",
      data: { kind: "note", content: "Follow-up 44" },
    });

    const onlyFollowUps = (await allPages(customer.id, "&kinds=followUp", 7)).flat();
    expect(onlyFollowUps).toEqual(followUpEntries);
    const onlyChanges = (await allPages(customer.id, "&kinds=change", 7)).flat();
    expect(onlyChanges).toEqual(entries.filter((e) => e.kind === "change"));
  });

  it("drops a trashed follow-up from the timeline and brings it back on restore", async () => {
    const customer = await newCustomer("Alibaba");
    const res = await admin.post<{ id: string }>("/api/v1/follow-ups", {
      customerId: customer.id,
      kind: "note",
      content: "Met at the fair",
    });
    const kinds = async () =>
      (await admin.get<Page>(`/api/v1/customers/${customer.id}/timeline?kinds=followUp`)).body.data.map((e) => e.id);
    expect(await kinds()).toEqual([res.body.id]);
    await admin.delete(`/api/v1/follow-ups/${res.body.id}`);
    expect(await kinds()).toEqual([]);
    await admin.post(`/api/v1/follow-ups/${res.body.id}/restore`);
    expect(await kinds()).toEqual([res.body.id]);
  });

  it("names the contacts a follow-up was logged with, and says when a task was completed and when it is due", async () => {
    const customer = await newCustomer("ByteDance");
    const contact = async (name: string) =>
      (await admin.post<{ id: string }>("/api/v1/contacts", { name, customerId: customer.id })).body.id;
    const [li, wang] = [await contact("李明"), await contact("王芳")];
    await admin.post("/api/v1/follow-ups", {
      customerId: customer.id,
      kind: "call",
      content: "Pricing call",
      contactIds: [wang, li],
    });
    const task = await admin.post<{ id: string; version: number }>("/api/v1/tasks", {
      title: "Send the quote",
      dueAt: "2026-11-23T10:00:00.000Z",
      relatedType: "customer",
      relatedId: customer.id,
    });
    await admin.patch(`/api/v1/tasks/${task.body.id}`, { version: task.body.version, status: "done" });
    const entries = (await admin.get<Page>(`/api/v1/customers/${customer.id}/timeline?kinds=followUp,task`)).body.data;
    expect(entries.find((e) => e.kind === "followUp")?.data.contacts).toEqual([
      { id: wang, name: "王芳" },
      { id: li, name: "李明" },
    ]);
    const taskEntry = entries.find((e) => e.kind === "task");
    expect(taskEntry?.data).toMatchObject({ status: "done", dueAt: "2026-11-23T10:00:00.000Z" });
    expect(taskEntry?.data.completedAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/));
  });

  it("answers the first page of a customer with 1,000 follow-ups", async () => {
    const customer = await newCustomer("Big account");
    const base = Date.now() - 2_000 * MINUTE;
    // Volume is set up in SQL; what is under test is the timeline read.
    await ctx.handle.db.execute(sql`
      insert into follow_ups (id, organization_id, customer_id, kind, occurred_at, content, owner_id)
      select gen_random_uuid(), ${organizationId}, ${customer.id}, 'call',
             to_timestamp((${base}::bigint + n * ${MINUTE}::bigint) / 1000.0), 'Call ' || n, ${adminId}
      from generate_series(1, 1000) as n`);
    const first = await admin.get<Page>(`/api/v1/customers/${customer.id}/timeline?kinds=followUp&limit=50`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(50);
    expect(first.body.data.map((e) => e.title)).toEqual(Array.from({ length: 50 }, (_, i) => `Call ${1000 - i}`));
    expect(first.body.nextCursor).not.toBeNull();
    const all = await admin.get<Page>(`/api/v1/customers/${customer.id}/timeline?limit=50`);
    // The customer was created after every (back-dated) follow-up: its creation comes first.
    expect(all.body.data.map((e) => e.title)).toEqual(["create", ...first.body.data.slice(0, 49).map((e) => e.title)]);
  });
});
