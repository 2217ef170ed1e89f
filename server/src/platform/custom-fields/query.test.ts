import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";

type Customer = { id: string; name: string; tags: string[]; custom: Record<string, unknown> };
type List = { data: Customer[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
const label = (en: string) => ({ en, "zh-CN": `${en}（中）` });

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  for (const field of [
    { key: "seats", type: "number" },
    { key: "budget", type: "money", currency: "CNY" },
    { key: "signed", type: "date" },
    { key: "renewal", type: "dateTime" },
  ]) {
    const res = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      label: label(field.key),
      ...field,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await admin.post("/api/v1/option-lists/customer.tags/values", { key: "vip", labelEn: "VIP", labelZh: "重要" });
  for (const [name, seats, budget] of [
    ["A", 5, "100.50"],
    ["B", 12, "20"],
    ["C", 30, "3000.00"],
  ] as const) {
    const res = await admin.post("/api/v1/customers", { name, custom: { seats, budget } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => ctx.close());

const cursorOf = (value: unknown, id: string) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

describe("custom field filters", () => {
  it("answer an empty value with a 400 naming the parameter, as built-in filters do", async () => {
    const builtIn = await admin.get<ErrorBody>("/api/v1/customers?industry=");
    expect(builtIn.status).toBe(400);
    for (const param of [
      "custom.seats=",
      "custom.seats[in]=",
      "custom.seats[in]=,",
      "custom.seats[in]=1,,2",
      "custom.seats[gt]=",
      "custom.budget[in]=",
      "custom.budget=%20",
    ]) {
      const res = await admin.get<ErrorBody>(`/api/v1/customers?${param}`);
      expect(res.status, param).toBe(400);
      expect(res.body.error.details, param).toEqual([
        { path: param.split("=")[0], message: "needs a value (custom.<key>[empty]=true finds records without one)" },
      ]);
    }
    const names = async (query: string) =>
      (await admin.get<List>(`/api/v1/customers?${query}`)).body.data.map((c) => c.name).sort();
    expect(await names("custom.seats[in]=5,30")).toEqual(["A", "C"]);
    expect(await names("custom.budget[in]=20")).toEqual(["B"]);
  });

  it("answer an empty value in a bulk action's filter with a 400, changing nothing", async () => {
    for (const filter of [{ "custom.seats": "" }, { "custom.budget[in]": "," }]) {
      const res = await admin.post<ErrorBody>("/api/v1/customers/bulk", { action: "addTag", tag: "vip", filter });
      expect(res.status, JSON.stringify(filter)).toBe(400);
      expect(res.body.error.details[0]?.path).toBe(`filter.${Object.keys(filter)[0]}`);
    }
    const all = await admin.get<List>("/api/v1/customers");
    expect(all.body.data.flatMap((c) => c.tags)).toEqual([]);
  });
});

describe("custom field sorts", () => {
  it("page through by number and money values", async () => {
    for (const [sort, expected] of [
      ["custom.seats", ["A", "B", "C"]],
      ["-custom.budget", ["C", "A", "B"]],
    ] as const) {
      const first = await admin.get<List>(`/api/v1/customers?limit=2&sort=${sort}`);
      const second = await admin.get<List>(`/api/v1/customers?limit=2&sort=${sort}&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect([...first.body.data, ...second.body.data].map((c) => c.name)).toEqual(expected);
    }
  });

  it("answer a cursor whose value is not of the field's type with 400 invalid_cursor", async () => {
    const id = (await admin.get<List>("/api/v1/customers?limit=1")).body.data[0]?.id ?? "";
    for (const [sort, value] of [
      ["custom.seats", '"abc"'],
      ["custom.budget", '"abc"'],
      ["-custom.seats", '"1; drop"'],
      ["custom.signed", '"not a date"'],
      ["custom.renewal", '"soon"'],
      ["custom.seats", 7],
    ] as const) {
      const res = await admin.get<ErrorBody>(`/api/v1/customers?sort=${sort}&cursor=${cursorOf(value, id)}`);
      expect(res.status, `${sort} ${value}`).toBe(400);
      expect(res.body.error.code).toBe("invalid_cursor");
      expect(res.body.error.details[0]?.path).toBe("cursor");
    }
  });
});

describe("custom field values", () => {
  const create = (custom: Record<string, unknown>) =>
    admin.post<Customer & ErrorBody>("/api/v1/customers", { name: "Values", custom });

  it("say the allowed range of an amount too large to store", async () => {
    const res = await create({ budget: "99999999999999999999.99" });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: "custom.budget", message: "must be between -999999999999999999.99 and 999999999999999999.99" },
    ]);
    expect((await create({ budget: "1.999" })).body.error.details[0]?.message).toBe(
      "must be an amount with at most 2 decimals",
    );
    const largest = await create({ budget: "-999999999999999999.99" });
    expect(largest.status).toBe(201);
    expect(largest.body.custom.budget).toBe("-999999999999999999.99");
  });

  it("refuse dates and date-times outside the years 1900 to 9999, and keep others exactly", async () => {
    for (const custom of [
      { signed: "0026-11-30" },
      { signed: "1899-12-31" },
      { renewal: "0001-06-15T00:00:00Z" },
      { renewal: "9999-12-31T23:00:00-05:00" },
    ]) {
      const res = await create(custom);
      expect(res.status, JSON.stringify(custom)).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: `custom.${Object.keys(custom)[0]}`, message: "must be in the years 1900 to 9999" },
      ]);
    }
    const filter = await admin.get<ErrorBody>("/api/v1/customers?custom.signed[gt]=0001-01-01");
    expect(filter.status).toBe(400);
    const kept = await create({ signed: "2024-02-29", renewal: "2030-06-01T09:30:00+08:00" });
    expect(kept.status).toBe(201);
    const read = await admin.get<Customer>(`/api/v1/customers/${kept.body.id}`);
    expect(read.body.custom).toMatchObject({ signed: "2024-02-29", renewal: "2030-06-01T01:30:00.000Z" });
  });
});

describe("custom text filters", () => {
  const names = async (query: string) => {
    const res = await admin.get<List & ErrorBody>(`/api/v1/customers?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.map((c) => c.name).sort();
  };

  beforeAll(async () => {
    for (const field of [
      { key: "brand", type: "text" },
      { key: "mail", type: "email" },
      { key: "site", type: "url" },
    ]) {
      const res = await admin.post("/api/v1/custom-fields", {
        objectType: "customer",
        label: label(field.key),
        ...field,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    for (const [name, custom] of [
      ["T1", { brand: "ACME", mail: "Sales@Acme.example", site: "https://acme.example/Shop" }],
      ["T2", { brand: "Acme, Inc.", mail: "info@globex.example" }],
      ["T3", { brand: 'The "Best" Co' }],
      ["T4", { brand: "globex" }],
    ] as const) {
      const res = await admin.post("/api/v1/customers", { name, custom });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it("compare eq, ne and in without case, on text, email and URL fields", async () => {
    expect(await names("custom.brand=acme")).toEqual(["T1"]);
    expect(await names("custom.brand[ne]=ACME")).toEqual(["T2", "T3", "T4"]);
    expect(await names("custom.brand[in]=acme,GLOBEX")).toEqual(["T1", "T4"]);
    expect(await names("custom.mail=sales@acme.EXAMPLE")).toEqual(["T1"]);
    expect(await names(`custom.site=${encodeURIComponent("HTTPS://ACME.example/shop")}`)).toEqual(["T1"]);
    // contains was without case already.
    expect(await names("custom.brand[contains]=acm")).toEqual(["T1", "T2"]);
  });

  it("take a value holding a comma or a quote in double quotes in an in list; plain lists work as before", async () => {
    const inList = (value: string) => names(`custom.brand[in]=${encodeURIComponent(value)}`);
    expect(await inList('"acme, inc.",globex')).toEqual(["T2", "T4"]);
    expect(await inList(' "The ""Best"" Co" , "Acme, Inc." ')).toEqual(["T2", "T3"]);
    // Without quotes the comma still separates values, as it always did.
    expect(await inList("Acme, Inc.")).toEqual(["T1"]);
  });

  it("answer a broken quoted value with a 400 naming the parameter", async () => {
    for (const [value, message] of [
      ['"Acme, Inc.', "has a quoted value that is never closed"],
      ['"Acme" Inc.,Globex', "needs a comma after a quoted value"],
      ['"",Globex', "needs a value (custom.<key>[empty]=true finds records without one)"],
    ] as const) {
      const res = await admin.get<ErrorBody>(`/api/v1/customers?custom.brand[in]=${encodeURIComponent(value)}`);
      expect(res.status, value).toBe(400);
      expect(res.body.error.details, value).toEqual([{ path: "custom.brand[in]", message }]);
    }
  });

  it("sort text without case, paging by cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/v1/customers?custom.brand[empty]=false&limit=1&sort=-custom.brand${cursor ? `&cursor=${cursor}` : ""}`;
      const res: { status: number; body: List } = await admin.get<List>(url);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((c) => c.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    // "the "best" co" > "globex" > "acme, inc." > "acme": letters decide, not upper case before lower.
    expect(seen).toEqual(["T3", "T4", "T2", "T1"]);
  });
});
