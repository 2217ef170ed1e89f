import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { addPerson } from "../pool/test-support.ts";

type WithAccess = { id: string; access?: "read" | "write" };

let ctx: TestContext;
let admin: ApiClient;
let rep1: { id: string; client: ApiClient };
let rep2: { id: string; client: ApiClient };

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  rep1 = await addPerson(ctx, admin, "rep1", "Sales rep");
  rep2 = await addPerson(ctx, admin, "rep2", "Sales rep");
});
afterAll(() => ctx.close());

const share = (path: string, access: "read" | "write") =>
  rep1.client.request("PUT", `${path}/members/${rep2.id}`, { access });

describe("a record's access for the caller", () => {
  it("says read for a customer shared read-only, write once shared read-write, only on GET of one", async () => {
    const created = await rep1.client.post<WithAccess>("/api/v1/customers", { name: "Access Corp" });
    expect(created.body.access).toBeUndefined();
    const path = `/api/v1/customers/${created.body.id}`;
    expect((await rep1.client.get<WithAccess>(path)).body.access).toBe("write");
    expect((await admin.get<WithAccess>(path)).body.access).toBe("write");

    expect((await share(path, "read")).status).toBe(200);
    const read = await rep2.client.get<WithAccess>(path);
    expect(read.status).toBe(200);
    expect(read.body.access).toBe("read");
    const list = await rep2.client.get<{ data: WithAccess[] }>("/api/v1/customers?q=access corp");
    expect(list.body.data.map((c) => c.access)).toEqual([undefined]);

    await share(path, "write");
    expect((await rep2.client.get<WithAccess>(path)).body.access).toBe("write");
  });

  it("says the same of a contact, also one seen through its shared customer", async () => {
    const customer = await rep1.client.post<WithAccess>("/api/v1/customers", { name: "Contact Access Ltd" });
    const contact = await rep1.client.post<WithAccess>("/api/v1/contacts", {
      name: "Ada Lovelace",
      customerId: customer.body.id,
    });
    const path = `/api/v1/contacts/${contact.body.id}`;
    expect((await rep1.client.get<WithAccess>(path)).body.access).toBe("write");
    await share(`/api/v1/customers/${customer.body.id}`, "read");
    expect((await rep2.client.get<WithAccess>(path)).body.access).toBe("read");
    await share(`/api/v1/customers/${customer.body.id}`, "write");
    expect((await rep2.client.get<WithAccess>(path)).body.access).toBe("write");
  });
});

describe("leaving a record's team", () => {
  it("answers the member who leaves with an empty team, and they no longer see the record", async () => {
    const created = await rep1.client.post<WithAccess>("/api/v1/customers", { name: "Leaving Corp" });
    const path = `/api/v1/customers/${created.body.id}`;
    await share(path, "write");
    const left = await rep2.client.request<{ data: unknown[] }>("DELETE", `${path}/members/${rep2.id}`);
    expect(left.status).toBe(200);
    expect(left.body.data).toEqual([]);
    expect((await rep2.client.get(path)).status).toBe(404);
    expect((await rep1.client.get<{ data: unknown[] }>(`${path}/members`)).body.data).toEqual([]);
    // Anyone else removing a member still gets a 404 for a record they cannot see.
    expect((await rep2.client.request("DELETE", `${path}/members/${rep1.id}`)).status).toBe(404);
  });
});
