import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { addPerson } from "../pool/test-support.ts";

type Person = { id: string; client: ApiClient };
type Customer = { id: string; name: string; nextFollowUpAt: string | null };
type Page = { data: Customer[]; nextCursor: string | null };
type Count = { data: { count: number; capped: boolean } };

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;
let rep: Person;
let other: Person;

// The organization works in Asia/Shanghai (UTC+8 all year): "today" is its day, not the server's.
beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId } = await setUpOrganization(ctx));
  rep = await addPerson(ctx, admin, "rep", "Sales rep");
  other = await addPerson(ctx, admin, "other", "Sales rep");
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const shanghaiDay = (offset: number) => new Date(Date.now() + 8 * HOUR + offset * 24 * HOUR).toISOString().slice(0, 10);
/** That Shanghai day at a wall time, as an ISO instant. */
const shanghai = (offset: number, time: string) => new Date(`${shanghaiDay(offset)}T${time}:00+08:00`).toISOString();

/** A customer of `owner` whose one follow-up plans the next at `next`. */
async function customerDue(owner: Person, name: string, next: string, occurredAt: string) {
  const customer = await owner.client.post<Customer>("/api/v1/customers", { name });
  expect(customer.status).toBe(201);
  const followUp = await owner.client.post("/api/v1/follow-ups", {
    customerId: customer.body.id,
    kind: "call",
    content: "Talked about the order",
    occurredAt,
    nextFollowUpAt: next,
  });
  expect(followUp.status, JSON.stringify(followUp.body)).toBe(201);
  return customer.body.id;
}

// My tasks' two groups are the customer list's filters on the rep's own customers, with its count.
const mine = (person: Person, due: string) => `ownerId=${person.id}&followUpDue=${due}`;
const page = (person: Person, due: string, more = "") =>
  person.client.get<Page>(`/api/v1/customers?${mine(person, due)}&sort=nextFollowUpAt${more}`);
const count = async (person: Person, due: string) =>
  (await person.client.get<Count>(`/api/v1/customers/count?${mine(person, due)}`)).body.data;
const names = (res: { body: Page }) => res.body.data.map((c) => c.name);

describe("a rep's follow-ups due: today's and the overdue ones, each with its count", () => {
  it("lists today's apart from a long tail of overdue ones, and keeps every overdue one reachable", async () => {
    // Twelve overdue, planned 13 to 2 days ago; the earliest first.
    const overdue: string[] = [];
    for (let i = 0; i < 12; i++) {
      const name = `Overdue ${String(i).padStart(2, "0")}`;
      await customerDue(rep, name, shanghai(i - 13, "10:00"), shanghai(i - 14, "10:00"));
      overdue.push(name);
    }
    // Today's: one at a minute past midnight (gone by now, still today's), one at 23:59.
    await customerDue(rep, "Today late", shanghai(0, "23:59"), shanghai(0, "00:00"));
    await customerDue(rep, "Today early", shanghai(0, "00:01"), shanghai(0, "00:00"));
    // Tomorrow's, and another rep's today: neither is listed.
    await customerDue(rep, "Tomorrow", shanghai(1, "09:00"), shanghai(-1, "10:00"));
    await customerDue(other, "Someone else's today", shanghai(0, "23:00"), shanghai(0, "00:00"));

    expect(await count(rep, "today")).toEqual({ count: 2, capped: false });
    expect(await count(rep, "beforeToday")).toEqual({ count: 12, capped: false });

    const today = await page(rep, "today");
    expect(today.status).toBe(200);
    expect(names(today)).toEqual(["Today early", "Today late"]);
    expect(today.body.nextCursor).toBeNull();

    const first = await page(rep, "beforeToday", "&limit=10");
    expect(names(first)).toEqual(overdue.slice(0, 10));
    expect(first.body.nextCursor).not.toBeNull();
    const second = await page(rep, "beforeToday", `&limit=10&cursor=${first.body.nextCursor}`);
    expect(names(second)).toEqual(overdue.slice(10));
    expect(second.body.nextCursor).toBeNull();

    // The admin sees every customer, but owns none of these: their own lists are empty.
    const admins = { id: adminId, client: admin };
    expect([await count(admins, "today"), await count(admins, "beforeToday")]).toEqual([
      { count: 0, capped: false },
      { count: 0, capped: false },
    ]);
    expect(names(await page(other, "today"))).toEqual(["Someone else's today"]);
    // A rep's list of another rep's customers is empty: their scope is their own.
    const foreign = await rep.client.get<Page>(`/api/v1/customers?${mine(other, "today")}`);
    expect(names(foreign)).toEqual([]);
  });

  it("refuses a group it does not know, naming the parameter", async () => {
    const res = await rep.client.get<{ error: { details: { path: string }[] } }>(
      "/api/v1/customers?followUpDue=yesterday",
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("followUpDue");
  });
});
