import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";
import { createJobRunner } from "../../platform/jobs/runner.ts";

type Field = { id: string; version: number; key: string; state: string; indexStatus: string; position: number };
type Record_ = { id: string; version: number; name: string; custom: Record<string, unknown> };
type List = { data: Record_[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
type Audit = { data: { action: string; changes: { field: string; from: unknown; to: unknown }[] }[] };

let ctx: TestContext;
let admin: ApiClient;
let adminId: string;
let rep: ApiClient;
const fields: Record<string, Field> = {};

const label = (en: string) => ({ en, "zh-CN": `${en}（中）` });
const option = (key: string) => ({ key, label: label(key) });
const runJobs = async () => {
  const runner = createJobRunner(ctx.handle.db, { onError: (e) => console.error(e) });
  while ((await runner.runDueJobs()) > 0);
};
const defineField = async (body: Record<string, unknown>) => {
  const res = await admin.post<Field>("/api/v1/custom-fields", { objectType: "customer", ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  fields[res.body.key] = res.body;
  return res.body;
};
const createCustomer = (custom: Record<string, unknown>, name = "Acme") =>
  admin.post<Record_>("/api/v1/customers", { name, custom });
const listNames = async (query: string) => {
  const res = await admin.get<List>(`/api/v1/customers?limit=200&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((c) => c.name);
};
const indexes = (table: string) =>
  queryRows<{ indexname: string; indexdef: string }>(
    ctx.handle.db,
    sql`select indexname, indexdef from pg_indexes where tablename = ${table} and indexname like 'cf\\_%'`,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, adminId } = await setUpOrganization(ctx));
  const role = await admin.post<{ id: string }>("/api/v1/roles", {
    name: "Rep",
    permissions: { customers: { actions: ["view", "create", "edit"], scope: "all" } },
  });
  await admin.post("/api/v1/users", {
    name: "Rep",
    email: "rep@acme.test",
    password: PASSWORD,
    roleIds: [role.body.id],
  });
  rep = await ctx.signIn("rep@acme.test", PASSWORD);
  await defineField({ key: "region", type: "text", label: label("Region") });
  await defineField({ key: "notes_long", type: "longText", label: label("Background") });
  await defineField({ key: "headcount", type: "number", label: label("Headcount") });
  await defineField({ key: "budget", type: "money", label: label("Budget"), currency: "CNY" });
  await defineField({ key: "founded", type: "date", label: label("Founded") });
  await defineField({ key: "renewal_at", type: "dateTime", label: label("Renewal") });
  await defineField({
    key: "tier",
    type: "singleChoice",
    label: label("Tier"),
    options: [option("gold"), option("silver")],
  });
  await defineField({
    key: "products",
    type: "multiChoice",
    label: label("Products"),
    options: [option("crm"), option("erp"), option("bi")],
  });
  await defineField({ key: "vip", type: "checkbox", label: label("VIP") });
  await defineField({ key: "manager", type: "user", label: label("Account manager") });
  await defineField({ key: "portal", type: "url", label: label("Portal") });
  await defineField({ key: "billing_email", type: "email", label: label("Billing email") });
  await defineField({ key: "hotline", type: "phone", label: label("Hotline") });
});
afterAll(() => ctx.close());

describe("custom fields: definitions", () => {
  it("lists the fields to every signed-in user, in order; only admins change them", async () => {
    const list = await rep.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer");
    expect(list.status).toBe(200);
    expect(list.body.data.map((f) => f.key).slice(0, 3)).toEqual(["region", "notes_long", "headcount"]);
    const denied = await rep.post<ErrorBody>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "sneaky",
      type: "text",
      label: label("Sneaky"),
    });
    expect(denied.status).toBe(403);
    expect((await rep.patch(`/api/v1/custom-fields/${fields.region?.id}`, { version: 1, required: true })).status).toBe(
      403,
    );
  });

  it("refuses bad definitions with the field named", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ key: "Bad Key", type: "text", label: label("x") }, "key"],
      [{ key: "x1", type: "colour", label: label("x") }, "type"],
      [{ key: "x2", type: "singleChoice", label: label("x") }, "options"],
      [{ key: "x3", type: "text", label: label("x"), options: [option("a")] }, "options"],
      [{ key: "x4", type: "multiChoice", label: label("x"), options: [option("a")], unique: true }, "unique"],
      [{ key: "x5", type: "text", label: { en: "only English" } }, "label.zh-CN"],
      [{ key: "x6", type: "text", label: label("x"), objectType: "spaceship" }, "objectType"],
      [{ key: "x7", type: "money", label: label("x"), currency: "ZZZ" }, "currency"],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post<ErrorBody>("/api/v1/custom-fields", { objectType: "customer", ...body });
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d) => d.path)).toContain(path);
    }
    const taken = await admin.post<ErrorBody>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "region",
      type: "text",
      label: label("Again"),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0]?.path).toBe("key");
  });

  it("refuses a label that a built-in field or another field of the object already has, in either language", async () => {
    const create = (en: string, zh: string, objectType = "customer") =>
      admin.request<ErrorBody>(
        "POST",
        "/api/v1/custom-fields",
        {
          objectType,
          key: `dup_label_${Math.random().toString(36).slice(2, 8)}`,
          type: "text",
          label: { en, "zh-CN": zh },
        },
        { "accept-language": "zh-CN" },
      );
    const builtIn = await create("Site", "网址");
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.error.details).toEqual([{ path: "label.zh-CN", message: "与系统字段同名" }]);
    expect(builtIn.body.error.message).toBe("label.zh-CN：网址 与系统字段同名");
    const another = await create(" region ", "大区");
    expect(another.status).toBe(409);
    expect(another.body.error.details[0]?.path).toBe("label.en");
    // Contacts have no "Website": the same label is free there, and "Region" is no built-in header.
    expect((await create("Website", "公司网址", "contact")).status).toBe(201);
    const region = fields.region as Field;
    const renamed = await admin.patch<ErrorBody>(`/api/v1/custom-fields/${region.id}`, {
      version: region.version,
      label: { en: "Owner", "zh-CN": "区域" },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.details[0]?.path).toBe("label.en");
    const kept = await admin.patch<Field>(`/api/v1/custom-fields/${region.id}`, {
      version: region.version,
      label: { en: "Region", "zh-CN": "区域" },
    });
    expect(kept.status).toBe(200);
    fields.region = kept.body;
  });

  it("keeps option keys: removing one is refused, archiving it keeps old values readable", async () => {
    const tier = fields.tier as Field;
    const removed = await admin.patch<ErrorBody>(`/api/v1/custom-fields/${tier.id}`, {
      version: tier.version,
      options: [option("gold")],
    });
    expect(removed.status).toBe(400);
    expect(removed.body.error.details[0]?.path).toBe("options");
  });

  it("reorders the fields", async () => {
    const list = await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer");
    const ids = list.body.data.map((f) => f.id).reverse();
    expect((await admin.post("/api/v1/custom-fields/reorder", { objectType: "customer", ids })).status).toBe(204);
    const after = await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer");
    expect(after.body.data.map((f) => f.id)).toEqual(ids);
  });

  it("gives a money field without a currency the organization's base currency", async () => {
    const res = await admin.post<Field & { currency: string | null }>("/api/v1/custom-fields", {
      objectType: "contact",
      key: "deal_size",
      type: "money",
      label: label("Deal size"),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.currency).toBe("CNY");

    // Edited later with the currency box emptied: still the organization's, not an amount in nothing.
    const cleared = await admin.patch<Field & { currency: string | null }>(`/api/v1/custom-fields/${res.body.id}`, {
      version: res.body.version,
      currency: null,
    });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.currency).toBe("CNY");
  });

  it("makes a key for a field created without one: English words, else the Chinese label's pinyin, numbered when taken", async () => {
    const create = async (label: { en: string; "zh-CN": string }) => {
      const res = await admin.post<Field>("/api/v1/custom-fields", { objectType: "contact", type: "text", label });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.key;
    };
    expect(await create({ en: "Golf handicap", "zh-CN": "高尔夫差点" })).toBe("golf_handicap");
    expect(await create({ en: "微信群", "zh-CN": "微信群" })).toBe("wei_xin_qun");
    expect(await create({ en: "微信群 2", "zh-CN": "微信群二" })).toBe("wei_xin_qun_er");
    // A label of other words than the key's: numbered, never a key taken before.
    expect(await create({ en: "Golf-Handicap!", "zh-CN": "高尔夫球差点" })).toBe("golf_handicap_2");
    expect(await create({ en: "2024 目标", "zh-CN": "2024 目标" })).toBe("f_2024_mu_biao");
    // Accents dropped, as option values' keys drop them: not "caf_cr_me_visits".
    expect(await create({ en: "Café crème visits", "zh-CN": "咖啡拜访" })).toBe("cafe_creme_visits");
  });

  it("changes the currency of a money field holding amounts only when told they are relabelled, not converted", async () => {
    const field = await admin.post<Field>("/api/v1/custom-fields", {
      objectType: "contact",
      key: "order_value",
      type: "money",
      currency: "CNY",
      label: label("Order value"),
    });
    expect(field.status).toBe(201);
    const path = `/api/v1/custom-fields/${field.body.id}`;
    // No amount yet: the currency is only a setting.
    const empty = await admin.patch<Field>(path, { version: field.body.version, currency: "HKD" });
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    const contact = await admin.post("/api/v1/contacts", { name: "Priced Buyer", custom: { order_value: 100 } });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);

    const refused = await admin.patch<ErrorBody>(path, { version: empty.body.version, currency: "USD" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([
      { path: "currency", message: "1 records hold amounts in HKD, which would read as USD without being converted" },
    ]);
    const listed = await admin.get<{ data: (Field & { currency: string })[] }>(
      "/api/v1/custom-fields?objectType=contact",
    );
    const unchanged = listed.body.data.find((f) => f.id === field.body.id);
    expect([unchanged?.currency, unchanged?.version]).toEqual(["HKD", empty.body.version]);

    const told = await admin.patch<Field & { currency: string }>(path, {
      version: empty.body.version,
      currency: "USD",
      relabelAmounts: true,
    });
    expect([told.status, told.body.currency]).toEqual([200, "USD"]);
    // Other changes to the field need no consent.
    const renamed = await admin.patch(path, { version: told.body.version, label: label("Order amount") });
    expect(renamed.status).toBe(200);
  });
});

describe("custom fields: values", () => {
  it("stores each type typed and normalized, and answers them on the record", async () => {
    const created = await createCustomer({
      region: "  华东 ",
      notes_long: "Long story",
      headcount: 1200,
      budget: 9999.5,
      founded: "1987-09-15",
      renewal_at: "2027-01-01T09:00:00+08:00",
      tier: "gold",
      products: ["crm", "bi", "crm"],
      vip: true,
      manager: adminId,
      portal: "portal.acme.example",
      billing_email: "ap@acme.example",
      hotline: "+86 21 5555 0101",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.custom).toEqual({
      region: "华东",
      notes_long: "Long story",
      headcount: 1200,
      budget: "9999.50",
      founded: "1987-09-15",
      renewal_at: "2027-01-01T01:00:00.000Z",
      tier: "gold",
      products: ["crm", "bi"],
      vip: true,
      manager: adminId,
      portal: "https://portal.acme.example/",
      billing_email: "ap@acme.example",
      hotline: "+86 21 5555 0101",
    });
    const [stored] = await queryRows<{ headcount: string; budget: string }>(
      ctx.handle.db,
      sql`select jsonb_typeof(custom->'headcount') as headcount, jsonb_typeof(custom->'budget') as budget
          from customers where id = ${created.body.id}`,
    );
    expect(stored).toEqual({ headcount: "number", budget: "string" });
    expect((await admin.get<Record_>(`/api/v1/customers/${created.body.id}`)).body.custom).toEqual(created.body.custom);
  });

  it("refuses wrong values with 400 naming custom.<key>, and changes nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ headcount: "many" }, "custom.headcount"],
      [{ budget: "12.345" }, "custom.budget"],
      [{ founded: "2023-02-30" }, "custom.founded"],
      [{ renewal_at: "2027-01-01 09:00" }, "custom.renewal_at"],
      [{ tier: "platinum" }, "custom.tier"],
      [{ products: "crm" }, "custom.products"],
      [{ vip: "yes" }, "custom.vip"],
      [{ portal: "not a url" }, "custom.portal"],
      [{ billing_email: "nobody" }, "custom.billing_email"],
      [{ hotline: "call me" }, "custom.hotline"],
      [{ hotline: "---" }, "custom.hotline"],
      [{ portal: "https://bank.example@evil.example/" }, "custom.portal"],
      [{ headcount: "12345678901234567890" }, "custom.headcount"],
      [{ headcount: 1e21 }, "custom.headcount"],
      [{ region: "x".repeat(501) }, "custom.region"],
      [{ nonsense: 1 }, "custom.nonsense"],
    ];
    for (const [custom, path] of cases) {
      const res = await createCustomer(custom, "Refused");
      expect(res.status, path).toBe(400);
      expect((res.body as unknown as ErrorBody).error.details.map((d) => d.path)).toEqual([path]);
    }
    expect(await listNames("q=Refused")).toEqual([]);
  });

  it("checks a write against the fields as they are now, whichever process changed them", async () => {
    expect((await createCustomer({ region: "North" }, "Before the change")).status).toBe(201);
    // Another server process adds a field: this one only learns of it from the database.
    await queryRows(
      ctx.handle.db,
      sql`insert into custom_fields (id, organization_id, object_type, key, type, label, required, position)
          select gen_random_uuid(), organization_id, 'customer', 'po_number', 'text', '{"en": "PO number", "zh-CN": "订单号"}', true, 99
          from custom_fields where id = ${fields.region?.id as string}`,
    );
    const refused = await createCustomer({ region: "North" }, "After the change");
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as ErrorBody).error.details.map((d) => d.path)).toEqual(["custom.po_number"]);
    expect((await createCustomer({ region: "North", po_number: "PO-1" }, "After the change")).status).toBe(201);
    await queryRows(ctx.handle.db, sql`delete from custom_fields where key = 'po_number'`);
  });

  it("keeps an archived option on the records that hold it, and offers it to no one else", async () => {
    const holder = (await createCustomer({ tier: "silver", products: ["crm", "bi"] }, "Holds archived")).body;
    const archive = async (key: string, archived: string, on = true) => {
      const field = (await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer")).body.data.find(
        (f) => f.key === key,
      ) as Field & { options: { key: string; archived?: boolean }[] };
      const options = field.options.map((o) => ({ ...o, archived: o.key === archived ? on : o.archived }));
      const res = await admin.patch<Field>(`/api/v1/custom-fields/${field.id}`, { version: field.version, options });
      expect(res.status).toBe(200);
      fields[key] = res.body;
    };
    await archive("tier", "silver");
    await archive("products", "bi");
    // The form sends back what the record holds, and adds another option beside it.
    const saved = await admin.patch<Record_>(`/api/v1/customers/${holder.id}`, {
      version: holder.version,
      custom: { tier: "silver", products: ["crm", "bi", "erp"] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.custom).toMatchObject({ tier: "silver", products: ["crm", "bi", "erp"] });
    const fresh = await createCustomer({ tier: "silver" }, "Wants archived");
    expect(fresh.status).toBe(400);
    expect((fresh.body as unknown as ErrorBody).error.details.map((d) => d.path)).toEqual(["custom.tier"]);
    expect(await listNames("custom.tier=silver")).toContain("Holds archived");
    await archive("tier", "silver", false);
    await archive("products", "bi", false);
  });

  it("refuses a deactivated user in a user field, and keeps one the record names already", async () => {
    const leaver = await admin.post<{ id: string; version: number }>("/api/v1/users", {
      name: "Leaver",
      email: "leaver@acme.test",
      password: PASSWORD,
      roleIds: [],
    });
    const record = (await createCustomer({ manager: leaver.body.id }, "Managed by a leaver")).body;
    const user = await admin.get<{ version: number }>(`/api/v1/users/${leaver.body.id}`);
    expect(
      (await admin.patch(`/api/v1/users/${leaver.body.id}`, { version: user.body.version, active: false })).status,
    ).toBe(200);
    const refused = await createCustomer({ manager: leaver.body.id }, "New with a leaver");
    expect(refused.status).toBe(422);
    expect((refused.body as unknown as ErrorBody).error.details[0]).toEqual({
      path: "custom.manager",
      message: "is a deactivated user",
    });
    const kept = await admin.patch(`/api/v1/customers/${record.id}`, {
      version: record.version,
      custom: { manager: leaver.body.id, region: "West" },
    });
    expect(kept.status).toBe(200);
  });

  it("checks that a user field names a user of the organization", async () => {
    const other = await addOrganization(ctx, "Other", "admin@other.test");
    const res = await createCustomer({ manager: other.adminId }, "Foreign manager");
    expect(res.status).toBe(422);
    expect((res.body as unknown as ErrorBody).error.details[0]?.path).toBe("custom.manager");
  });

  it("applies required on create and when cleared, not to records made before", async () => {
    const older = await createCustomer({}, "Before required");
    const field = await defineField({ key: "contract_no", type: "text", label: label("Contract"), required: true });
    const missing = await createCustomer({}, "No contract");
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ErrorBody).error.details[0]).toEqual({
      path: "custom.contract_no",
      message: "is required",
    });
    const ok = await createCustomer({ contract_no: "C-1" }, "With contract");
    expect(ok.status).toBe(201);
    const cleared = await admin.patch<ErrorBody>(`/api/v1/customers/${ok.body.id}`, {
      version: 1,
      custom: { contract_no: null },
    });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.details[0]?.path).toBe("custom.contract_no");
    // An older record without a value still takes other changes.
    const renamed = await admin.patch(`/api/v1/customers/${older.body.id}`, { version: 1, name: "Before, renamed" });
    expect(renamed.status).toBe(200);
    await admin.patch(`/api/v1/custom-fields/${field.id}`, { version: field.version, required: false });
  });

  it("updates only the keys given, clears with null, and writes each change to the history", async () => {
    const c = await createCustomer({ region: "North", headcount: 5 }, "History Co");
    const updated = await admin.patch<Record_>(`/api/v1/customers/${c.body.id}`, {
      version: 1,
      custom: { headcount: 6, region: null, tier: "silver" },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.custom).toEqual({ headcount: 6, tier: "silver" });
    const audit = await admin.get<Audit>(`/api/v1/customers/${c.body.id}/audit`);
    expect(audit.body.data[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: "custom.headcount", from: 5, to: 6 },
        { field: "custom.region", from: "North", to: null },
        { field: "custom.tier", from: null, to: "silver" },
      ]),
    );
    expect(audit.body.data[1]?.changes).toContainEqual({ field: "custom.region", from: null, to: "North" });
    const timeline = await admin.get<{ data: { kind: string }[] }>(`/api/v1/customers/${c.body.id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).toContain("custom.headcount");
  });
});

describe("custom fields: filters and sorting", () => {
  beforeAll(async () => {
    await createCustomer(
      { headcount: 10, budget: "100.00", tier: "gold", products: ["crm"], founded: "2001-01-01" },
      "F-A",
    );
    await createCustomer({ headcount: 200, budget: "50.5", tier: "silver", products: ["erp", "bi"], vip: true }, "F-B");
    await createCustomer({ headcount: 30, region: "West coast", founded: "2015-06-30" }, "F-C");
    await createCustomer({}, "F-D");
  });

  it("filters by equality, ranges, text, choices and emptiness", async () => {
    expect(await listNames("q=F-&custom.tier=gold")).toEqual(["F-A"]);
    expect((await listNames("q=F-&custom.headcount[gte]=30")).sort()).toEqual(["F-B", "F-C"]);
    expect(await listNames("q=F-&custom.headcount[gt]=10&custom.headcount[lt]=200")).toEqual(["F-C"]);
    // Money compares as a number: 100.00 > 50.5.
    expect(await listNames("q=F-&custom.budget[gt]=60")).toEqual(["F-A"]);
    expect(await listNames("q=F-&custom.region[contains]=coast")).toEqual(["F-C"]);
    expect((await listNames("q=F-&custom.products=bi,crm")).sort()).toEqual(["F-A", "F-B"]);
    expect(await listNames("q=F-&custom.vip=true")).toEqual(["F-B"]);
    expect(await listNames("q=F-&custom.founded[lt]=2010-01-01")).toEqual(["F-A"]);
    expect((await listNames("q=F-&custom.headcount[empty]=true")).sort()).toEqual(["F-D"]);
    expect((await listNames("q=F-&custom.tier[in]=gold,silver")).sort()).toEqual(["F-A", "F-B"]);
  });

  it("refuses filters on unknown fields, bad operators and bad values, naming the parameter", async () => {
    for (const [query, path] of [
      ["custom.nope=1", "custom.nope"],
      ["custom.headcount[near]=1", "custom.headcount[near]"],
      ["custom.headcount[gte]=lots", "custom.headcount[gte]"],
      ["custom.region[gte]=a", "custom.region[gte]"],
      ["custom.tier=platinum", "custom.tier"],
      ["bogus=1", "bogus"],
    ]) {
      const res = await admin.get<ErrorBody>(`/api/v1/customers?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.map((d) => d.path)).toContain(path);
    }
    expect((await admin.get("/api/v1/customers?sort=custom.products")).status).toBe(400);
    expect((await admin.get("/api/v1/customers?sort=custom.nope")).status).toBe(400);
  });

  it("sorts by a field in either direction, empty values last, paging by cursor", async () => {
    const pages = async (sort: string) => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/v1/customers?q=F-&limit=1&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`;
        const res: { status: number; body: List } = await admin.get<List>(url);
        expect(res.status).toBe(200);
        names.push(...res.body.data.map((c) => c.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      return names;
    };
    expect(await pages("custom.headcount")).toEqual(["F-A", "F-C", "F-B", "F-D"]);
    expect(await pages("-custom.headcount")).toEqual(["F-B", "F-C", "F-A", "F-D"]);
    // Among empty values the id decides, in the same direction as the sort.
    expect(await pages("custom.founded")).toEqual(["F-A", "F-C", "F-B", "F-D"]);
    expect(await pages("-custom.founded")).toEqual(["F-C", "F-A", "F-D", "F-B"]);
  });
});

describe("custom fields: unique, indexes, archive and purge", () => {
  it("holds a unique value under concurrent writes", async () => {
    const field = await defineField({ key: "tax_id", type: "text", label: label("Tax id"), unique: true });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createCustomer({ tax_id: "91310000MA1FL0000X" }, `Unique ${i}`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const conflict = results.find((r) => r.status === 409)?.body as unknown as ErrorBody;
    expect(conflict.error.details[0]?.path).toBe("custom.tax_id");
    // A trashed record frees its value.
    const holder = results.find((r) => r.status === 201)?.body as Record_;
    await admin.delete(`/api/v1/customers/${holder.id}`);
    const again = await createCustomer({ tax_id: "91310000MA1FL0000X" }, "Unique again");
    expect(again.status).toBe(201);
    // ...and gets it back only while no one else has it: restoring now is refused and changes nothing.
    const restore = () => admin.post<ErrorBody>(`/api/v1/customers/${holder.id}/restore`, {});
    const taken = await restore();
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0]?.path).toBe("custom.tax_id");
    expect((await admin.get(`/api/v1/customers/${holder.id}`)).status).toBe(404);
    const other = again.body as Record_;
    const changed = await admin.patch(`/api/v1/customers/${other.id}`, {
      version: other.version,
      custom: { tax_id: "91310000MA1FL0001Y" },
    });
    expect(changed.status).toBe(200);
    expect((await restore()).status).toBe(200);
    // Turning unique on over duplicate values is refused.
    await createCustomer({ region: "Same" }, "Dup 1");
    await createCustomer({ region: "Same" }, "Dup 2");
    const region = (await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer")).body.data.find(
      (f) => f.key === "region",
    ) as Field;
    const refused = await admin.patch<ErrorBody>(`/api/v1/custom-fields/${region.id}`, {
      version: region.version,
      unique: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]?.path).toBe("unique");
    expect(field.indexStatus).toBe("none");
  });

  it("takes emails without case and numbers by value as the same unique value", async () => {
    await defineField({ key: "login", type: "email", label: label("Login"), unique: true });
    await defineField({ key: "badge", type: "number", label: label("Badge"), unique: true });
    expect((await createCustomer({ login: "Bob@Example.com", badge: 0.0000001 }, "Bob")).status).toBe(201);
    const sameEmail = await createCustomer({ login: "BOB@EXAMPLE.COM" }, "Bob again");
    expect(sameEmail.status).toBe(409);
    expect((sameEmail.body as unknown as ErrorBody).error.details[0]?.path).toBe("custom.login");
    const sameNumber = await createCustomer({ badge: "1e-7" }, "Bob again");
    expect(sameNumber.status).toBe(409);
    expect((sameNumber.body as unknown as ErrorBody).error.details[0]?.path).toBe("custom.badge");
    // Switching unique on sees case variants as duplicates too.
    await createCustomer({ billing_email: "Pay@Acme.example" }, "Payer 1");
    await createCustomer({ billing_email: "pay@acme.example" }, "Payer 2");
    const billing = fields.billing_email as Field;
    const refused = await admin.patch<ErrorBody>(`/api/v1/custom-fields/${billing.id}`, {
      version: billing.version,
      unique: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]?.path).toBe("unique");
  });

  it("builds a partial expression index for indexed and unique fields by a background job", async () => {
    const headcount = (await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer")).body.data.find(
      (f) => f.key === "headcount",
    ) as Field;
    const res = await admin.patch<Field>(`/api/v1/custom-fields/${headcount.id}`, {
      version: headcount.version,
      indexed: true,
    });
    expect(res.status).toBe(200);
    await runJobs();
    const defs = (await indexes("customers")).map((i) => i.indexdef).join("\n");
    expect(defs).toContain("(((custom ->> 'headcount'::text))::numeric)");
    expect(defs).toContain("(custom ->> 'tax_id'::text)");
    expect(defs).toMatch(/WHERE \(\(organization_id = '[0-9a-f-]+'::uuid\) AND \(deleted_at IS NULL\)\)/);
    const listed = (await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer")).body.data;
    expect(listed.find((f) => f.key === "headcount")?.indexStatus).toBe("ready");
    expect(listed.find((f) => f.key === "tax_id")?.indexStatus).toBe("ready");
    expect(listed.find((f) => f.key === "region")?.indexStatus).toBe("none");
  });

  it("archives a field (hidden, values kept), restores it, then purges it (values removed, key retired)", async () => {
    const c = await createCustomer({ hotline: "400 800 8888", headcount: 7 }, "Archive Co");
    const hotline = fields.hotline as Field;
    const archived = await admin.post<Field>(`/api/v1/custom-fields/${hotline.id}/archive`);
    expect(archived.body.state).toBe("archived");
    expect((await admin.get<Record_>(`/api/v1/customers/${c.body.id}`)).body.custom).toEqual({ headcount: 7 });
    expect(
      (await admin.get<{ data: Field[] }>("/api/v1/custom-fields?objectType=customer")).body.data.map((f) => f.key),
    ).not.toContain("hotline");
    const input = await admin.patch<ErrorBody>(`/api/v1/customers/${c.body.id}`, {
      version: 1,
      custom: { hotline: "1" },
    });
    expect(input.status).toBe(400);
    // Other edits keep the archived value.
    await admin.patch(`/api/v1/customers/${c.body.id}`, { version: 1, custom: { headcount: 8 } });
    await admin.post(`/api/v1/custom-fields/${hotline.id}/restore`);
    expect((await admin.get<Record_>(`/api/v1/customers/${c.body.id}`)).body.custom).toEqual({
      headcount: 8,
      hotline: "400 800 8888",
    });

    const tax = fields.tax_id as Field;
    expect((await admin.delete(`/api/v1/custom-fields/${tax.id}`)).status).toBe(409);
    await admin.post(`/api/v1/custom-fields/${tax.id}/archive`);
    expect((await admin.delete(`/api/v1/custom-fields/${tax.id}`)).status).toBe(204);
    await runJobs();
    const [left] = await queryRows<{ n: number }>(
      ctx.handle.db,
      sql`select count(*)::int as n from customers where custom ? 'tax_id'`,
    );
    expect(left?.n).toBe(0);
    expect((await indexes("customers")).map((i) => i.indexdef).join("\n")).not.toContain("tax_id");
    const reuse = await admin.post<ErrorBody>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "tax_id",
      type: "text",
      label: label("Tax id again"),
    });
    expect(reuse.status).toBe(409);
    const audit = await queryRows<{ action: string }>(
      ctx.handle.db,
      sql`select action from audit_log where entity_type = 'customField' and entity_id = ${tax.id} order by at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create", "delete", "purge"]);
  });
});

describe("custom fields: contacts, isolation and OpenAPI", () => {
  it("works the same on contacts", async () => {
    const res = await admin.post<Field>("/api/v1/custom-fields", {
      objectType: "contact",
      key: "hobby",
      type: "singleChoice",
      label: label("Hobby"),
      options: [option("golf"), option("tea")],
      indexed: true,
    });
    expect(res.status).toBe(201);
    const contact = await admin.post<Record_>("/api/v1/contacts", { name: "王伟", custom: { hobby: "tea" } });
    expect(contact.status).toBe(201);
    expect(contact.body.custom).toEqual({ hobby: "tea" });
    const bad = await admin.post<ErrorBody>("/api/v1/contacts", { name: "李娜", custom: { hobby: "chess" } });
    expect(bad.body.error.details[0]?.path).toBe("custom.hobby");
    const list = await admin.get<List>("/api/v1/contacts?custom.hobby=tea&sort=-custom.hobby");
    expect(list.body.data.map((c) => c.name)).toEqual(["王伟"]);
    // The vCard export takes the list's custom filters too.
    const vcf = (q: string) =>
      ctx.app.inject({
        method: "GET",
        url: `/api/v1/contacts/export.vcf?${q}`,
        headers: { cookie: admin.auth.cookie ?? "" },
      });
    expect((await vcf("custom.hobby=tea")).body).toContain("王伟");
    expect((await vcf("custom.hobby=golf")).body).not.toContain("王伟");
    await runJobs();
    expect((await indexes("contacts")).length).toBe(1);
  });

  it("keeps organizations apart: fields, keys and filters", async () => {
    const other = await addOrganization(ctx, "Isolated", "admin@isolated.test");
    const theirs = await other.admin.get<{ data: Field[] }>("/api/v1/custom-fields");
    expect(theirs.body.data).toEqual([]);
    // Our key is free in their organization, and our fields are unknown there.
    const own = await other.admin.post<Field>("/api/v1/custom-fields", {
      objectType: "customer",
      key: "region",
      type: "number",
      label: label("Their region"),
    });
    expect(own.status).toBe(201);
    expect((await other.admin.post("/api/v1/customers", { name: "X", custom: { tier: "gold" } })).status).toBe(400);
    expect(
      (await other.admin.patch(`/api/v1/custom-fields/${fields.vip?.id}`, { version: 1, required: true })).status,
    ).toBe(404);
    expect((await other.admin.post(`/api/v1/custom-fields/${fields.vip?.id}/archive`)).status).toBe(404);
    expect((await other.admin.get("/api/v1/customers?custom.tier=gold")).status).toBe(400);
  });

  it("documents custom as an object, and the organization's fields, typed, to a signed-in caller", async () => {
    type Doc = {
      components: {
        schemas: Record<
          string,
          { type: string; properties?: Record<string, { type: unknown; enum?: string[]; items?: { enum: string[] } }> }
        >;
      };
      paths: Record<string, { get?: { parameters?: { name: string; in: string; description?: string }[] } }>;
    };
    const anonymous = await ctx.anonymous.get<Doc>("/api/openapi.json");
    expect(anonymous.body.components.schemas.CustomerCustomValues?.type).toBe("object");
    expect(anonymous.body.components.schemas.CustomerCustomValues?.properties).toBeUndefined();
    const signedIn = await admin.get<Doc>("/api/openapi.json");
    const props = signedIn.body.components.schemas.CustomerCustomValues?.properties ?? {};
    expect(props.headcount?.type).toEqual(["number", "null"]);
    expect(props.budget?.type).toEqual(["string", "null"]);
    expect(props.vip?.type).toEqual(["boolean", "null"]);
    expect(props.tier?.enum).toEqual(["gold", "silver"]);
    expect(props.products?.items?.enum).toEqual(["crm", "erp", "bi"]);
    expect(props.tax_id).toBeUndefined();
    expect(signedIn.body.components.schemas.CustomerCustomValuesInput?.properties?.budget?.type).toEqual([
      "string",
      "null",
    ]);
    expect(signedIn.body.components.schemas.ContactCustomValues?.properties?.hobby?.enum).toEqual(["golf", "tea"]);

    // Each list names a filter parameter per field, with the operators its type takes.
    const filters = (doc: Doc, path: string) =>
      (doc.paths[path]?.get?.parameters ?? []).filter((p) => p.name.startsWith("custom."));
    expect(filters(anonymous.body, "/api/v1/customers")).toEqual([]);
    for (const path of ["/api/v1/customers", "/api/v1/pool/customers"]) {
      const named = filters(signedIn.body, path);
      expect(named.map((p) => p.name)).toEqual(expect.arrayContaining(["custom.headcount", "custom.tier"]));
      expect(named.find((p) => p.name === "custom.headcount")?.description).toMatch(/\[gte\]/);
      expect(named.find((p) => p.name === "custom.tax_id")).toBeUndefined();
    }
    expect(filters(signedIn.body, "/api/v1/contacts").map((p) => p.name)).toContain("custom.hobby");
  });
});
