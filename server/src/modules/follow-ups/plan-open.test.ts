import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";

type FollowUp = { id: string; nextFollowUpAt: string | null; nextFollowUpOpen: boolean };
type Entry = { id: string; kind: string; data: { nextFollowUpAt?: string | null; nextFollowUpOpen?: boolean } };
type Customer = { id: string; nextFollowUpAt: string | null };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const DAY = 24 * 3_600_000;
/** `days` days from now (negative: ago), at `hours` past that moment: plans and follow-ups of the past. */
const at = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3_600_000).toISOString();

const newCustomer = async (name: string) => (await admin.post<Customer>("/api/v1/customers", { name })).body;
async function log(about: { customerId?: string; contactIds?: string[] }, occurredAt: string, next: string | null) {
  const res = await admin.post<FollowUp>("/api/v1/follow-ups", {
    ...about,
    kind: "call",
    content: `Call at ${occurredAt}`,
    occurredAt,
    nextFollowUpAt: next,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Each follow-up's plan as the timeline, the follow-up's own page and the list tell it: open or not. */
async function openness(customerId: string) {
  const timeline = await admin.get<{ data: Entry[] }>(`/api/v1/customers/${customerId}/timeline?kinds=followUp`);
  const fromTimeline = Object.fromEntries(timeline.body.data.map((e) => [e.id, e.data.nextFollowUpOpen]));
  const list = await admin.get<{ data: FollowUp[] }>(`/api/v1/follow-ups?customerId=${customerId}&limit=200`);
  const fromList = Object.fromEntries(list.body.data.map((f) => [f.id, f.nextFollowUpOpen]));
  expect(fromList).toEqual(fromTimeline);
  for (const id of Object.keys(fromList)) {
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${id}`)).body.nextFollowUpOpen).toBe(fromList[id]);
  }
  const customer = (await admin.get<Customer>(`/api/v1/customers/${customerId}`)).body;
  // The open plan is the customer's next follow-up, and the only one; none open, none planned.
  const open = list.body.data.filter((f) => f.nextFollowUpOpen);
  expect(open.map((f) => f.nextFollowUpAt)).toEqual(customer.nextFollowUpAt ? [customer.nextFollowUpAt] : []);
  return fromList;
}

describe("a follow-up's plan: open until a later follow-up carries it out or replaces it", () => {
  it("settles a plan carried out by a call after its time, and keeps the newest plan open (overdue)", async () => {
    const customer = await newCustomer("杭州星辰精密机械有限公司");
    // 09-23 plans 10-23 10:00; the call of 10-23 11:33 carries it out and plans a day now past.
    const planned = await log({ customerId: customer.id }, at(-31), at(-30));
    const carriedOut = await log({ customerId: customer.id }, at(-30, 1.5), at(-3));
    expect(await openness(customer.id)).toEqual({ [planned.id]: false, [carriedOut.id]: true });
    // Another customer's follow-ups, newer and with plans, settle nothing of this one's.
    const other = await newCustomer("上海星辰科技");
    await log({ customerId: other.id }, at(0), at(1));
    await log(
      { contactIds: [(await admin.post<{ id: string }>("/api/v1/contacts", { name: "周晓明" })).body.id] },
      at(0),
      at(2),
    );
    expect(await openness(customer.id)).toEqual({ [planned.id]: false, [carriedOut.id]: true });
    // Logged after its time, without a new plan: nothing is left open, nothing overdue.
    const late = await log({ customerId: customer.id }, at(-3, 1.5), null);
    expect(await openness(customer.id)).toEqual({ [planned.id]: false, [carriedOut.id]: false, [late.id]: false });
  });

  it("keeps a plan open past a follow-up logged before its time, until a newer plan replaces it", async () => {
    const customer = await newCustomer("武汉嘉禾商贸有限公司");
    const plan = await log({ customerId: customer.id }, at(-5), at(-2));
    // An email the day before the planned call does not carry the call out.
    const email = await log({ customerId: customer.id }, at(-4), null);
    expect(await openness(customer.id)).toEqual({ [plan.id]: true, [email.id]: false });
    // A newer plan replaces it (before its time, even): the old one is history.
    const replan = await log({ customerId: customer.id }, at(-3), at(2));
    expect(await openness(customer.id)).toEqual({ [plan.id]: false, [email.id]: false, [replan.id]: true });
    // The newer plan goes to the trash: the old one is open again, overdue as before.
    expect((await admin.delete(`/api/v1/follow-ups/${replan.id}`)).status).toBe(204);
    expect(await openness(customer.id)).toEqual({ [plan.id]: true, [email.id]: false });
    const trashed = await admin.get<{ data: FollowUp[] }>(`/api/v1/follow-ups?customerId=${customer.id}&deleted=true`);
    expect(trashed.body.data.map((f) => [f.id, f.nextFollowUpOpen])).toEqual([[replan.id, false]]);
  });

  it("does the same for people on their own, by the follow-ups naming them", async () => {
    const li = (await admin.post<{ id: string }>("/api/v1/contacts", { name: "李明" })).body;
    const wang = (await admin.post<{ id: string }>("/api/v1/contacts", { name: "王芳" })).body;
    const plan = await log({ contactIds: [li.id, wang.id] }, at(-6), at(-5));
    const other = await log({ contactIds: [wang.id] }, at(-4), null);
    const mine = async () =>
      (await admin.get<{ data: FollowUp[] }>(`/api/v1/follow-ups?contactId=${li.id}`)).body.data.map(
        (f) => f.nextFollowUpOpen,
      );
    // Wang was called after the planned time: the plan made with both of them was carried out.
    expect(await mine()).toEqual([false]);
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${other.id}`)).body.nextFollowUpOpen).toBe(false);
    const alone = await log({ contactIds: [li.id] }, at(-3), at(-1));
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${alone.id}`)).body.nextFollowUpOpen).toBe(true);
    expect((await admin.get<FollowUp>(`/api/v1/follow-ups/${plan.id}`)).body.nextFollowUpOpen).toBe(false);
  });
});
