import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../test/harness.ts";

type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
type Customer = { id: string; name: string };
type FollowUp = { id: string; occurredAt: string; nextFollowUpAt: string | null };
type List<T> = { data: T[]; nextCursor: string | null };

let ctx: TestContext;
let admin: ApiClient;
let customer: Customer;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  customer = (await admin.post<Customer>("/api/v1/customers", { name: "Initech" })).body;
});
afterAll(() => ctx.close());

const nul = "must not contain the NUL character (\\u0000)";
const cursorOf = (value: unknown, id: string) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

describe("a NUL character anywhere in a request", () => {
  it("is a 400 naming the body field that holds it, and nothing is written", async () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ["/api/v1/customers", { name: "nul\u0000byte" }, ["name"]],
      [
        "/api/v1/customers",
        { name: "Fine", phones: [{ number: "010 \u0000" }], custom: { "k\u0000": 1 } },
        ["phones.0.number", "custom.k\\u0000"],
      ],
      ["/api/v1/contacts", { name: "ok", notes: "x\u0000y" }, ["notes"]],
      ["/api/v1/follow-ups", { customerId: customer.id, kind: "note", content: "a\u0000" }, ["content"]],
      ["/api/v1/customers/bulk", { action: "addTag", tag: "vip", filter: { q: "\u0000" } }, ["filter.q"]],
    ];
    for (const [url, body, paths] of cases) {
      const res = await admin.post<ErrorBody>(url, body);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details).toEqual(paths.map((path) => ({ path, message: nul })));
    }
    const customers = await admin.get<List<Customer>>("/api/v1/customers");
    expect(customers.body.data.map((c) => c.name)).toEqual(["Initech"]);
    expect((await admin.get<List<unknown>>("/api/v1/contacts")).body.data).toEqual([]);
    expect((await admin.get<List<unknown>>("/api/v1/follow-ups")).body.data).toEqual([]);
  });

  it("is a 400 naming the query parameter: keyword, filters, global search", async () => {
    for (const [url, path] of [
      ["/api/v1/customers?q=a%00b", "q"],
      ["/api/v1/customers?industry=a%00b", "industry"],
      ["/api/v1/customers?custom.region=%00", "custom.region"],
      ["/api/v1/contacts?q=%00", "q"],
      ["/api/v1/search?q=a%00b", "q"],
    ] as const) {
      const res = await admin.get<ErrorBody>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details, url).toEqual([{ path, message: nul }]);
    }
    const zh = await admin.request<ErrorBody>("GET", "/api/v1/customers?q=%00", undefined, {
      "accept-language": "zh-CN",
    });
    expect(zh.body.error.details).toEqual([{ path: "q", message: "不能包含 NUL 字符（\\u0000）" }]);
  });

  it("or a body nested thousands of levels deep is a 400 naming where it goes too deep, not a 500", async () => {
    // Written out by hand: JSON.stringify itself overflows on such a value.
    const body = `{"name":"Deep","address":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`;
    const res = await admin.request<ErrorBody>("POST", "/api/v1/customers", body, {
      "accept-language": "zh-CN",
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    const [detail, ...more] = res.body.error.details;
    expect(more).toEqual([]);
    expect(detail?.path).toBe(["address", ...Array(63).fill("a")].join("."));
    expect(detail?.message).toBe("嵌套不能超过 64 层");
    const customers = await admin.get<List<Customer>>("/api/v1/customers");
    expect(customers.body.data.map((c) => c.name)).toEqual(["Initech"]);
  });

  it("in a cursor's value is a 400 invalid_cursor", async () => {
    const res = await admin.get<ErrorBody>(`/api/v1/customers?sort=name&cursor=${cursorOf("\u0000", customer.id)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_cursor");
  });
});

describe("date-times", () => {
  const followUp = (fields: Record<string, unknown>) =>
    admin.post<FollowUp & ErrorBody>("/api/v1/follow-ups", {
      customerId: customer.id,
      kind: "note",
      content: "Called",
      ...fields,
    });

  it("outside the years 1900 to 9999 are a 400 naming the field, not another date", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredAt: "0001-06-15T00:00:00Z" }, "occurredAt"],
      [{ occurredAt: "0026-11-30T09:00:00Z" }, "occurredAt"],
      [{ occurredAt: "0099-06-15T00:00:00Z" }, "occurredAt"],
      [{ occurredAt: "1899-12-31T23:59:59Z" }, "occurredAt"],
      [{ nextFollowUpAt: "9999-12-31T23:00:00-05:00" }, "nextFollowUpAt"],
    ];
    for (const [fields, path] of cases) {
      const res = await followUp(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.error.details).toEqual([{ path, message: "must be in the years 1900 to 9999" }]);
    }
    const filter = await admin.get<ErrorBody>("/api/v1/follow-ups?occurredFrom=0001-01-01T00:00:00Z");
    expect(filter.status).toBe(400);
    expect(filter.body.error.details[0]?.path).toBe("occurredFrom");
    expect((await admin.get<List<unknown>>("/api/v1/follow-ups")).body.data).toEqual([]);
    const key = await admin.post<ErrorBody>("/api/v1/api-keys", { name: "Old", expiresAt: "0030-01-01T00:00:00Z" });
    expect(key.status).toBe(400);
    expect(key.body.error.details[0]?.path).toBe("expiresAt");
  });

  it("in range come back exactly as given (in UTC)", async () => {
    const created = await followUp({
      occurredAt: "2024-02-29T13:45:30.123Z",
      nextFollowUpAt: "2030-01-02T08:00:00+08:00",
    });
    expect(created.status).toBe(201);
    const read = await admin.get<FollowUp>(`/api/v1/follow-ups/${created.body.id}`);
    expect(read.body.occurredAt).toBe("2024-02-29T13:45:30.123Z");
    expect(read.body.nextFollowUpAt).toBe("2030-01-02T00:00:00.000Z");
    const old = await followUp({ occurredAt: "1900-01-01T00:00:00Z" });
    expect(old.status).toBe(201);
    expect(old.body.occurredAt).toBe("1900-01-01T00:00:00.000Z");
  });
});

describe("list parameters", () => {
  it("given twice are a 400 saying so", async () => {
    for (const [url, path] of [
      ["/api/v1/customers?limit=10&limit=20", "limit"],
      ["/api/v1/customers?q=a&q=b", "q"],
      ["/api/v1/customers?industry=it&industry=retail", "industry"],
    ] as const) {
      const res = await admin.get<ErrorBody>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details).toEqual([{ path, message: "is given more than once" }]);
    }
  });

  it("name the sort fields when a sort is unknown", async () => {
    const res = await admin.get<ErrorBody>("/api/v1/customers?sort=bogus");
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      {
        path: "sort",
        message:
          "must be one of name, createdAt, updatedAt, lastFollowUpAt, nextFollowUpAt or custom.<key>; " +
          "a leading - sorts descending",
      },
    ]);
  });

  it("refuse an unknown timeline kind, listing the kinds", async () => {
    const res = await admin.get<ErrorBody>(`/api/v1/customers/${customer.id}/timeline?kinds=followUp,bogus`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toHaveLength(1);
    expect(res.body.error.details[0]?.path).toBe("kinds");
    expect(res.body.error.details[0]?.message).toMatch(/^names unknown kinds \(bogus\); the kinds are .*followUp/);
    expect(res.body.error.details[0]?.message).toContain("task");
    const fine = await admin.get<List<{ kind: string }>>(`/api/v1/customers/${customer.id}/timeline?kinds=followUp`);
    expect(fine.status).toBe(200);
    expect(new Set(fine.body.data.map((e) => e.kind))).toEqual(new Set(["followUp"]));
  });
});
