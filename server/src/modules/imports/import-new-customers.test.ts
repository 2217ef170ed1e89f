import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { runDueJobs, undoImport, uploadImport } from "./test-support.ts";

type Upload = { batch: { id: string } };
type DryRun = { create: number; newCustomers: number; warnings: { row: number; message: string }[] };
type Batch = { status: string; createdCount: number; createdCustomers: number; revertedCount: number };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  await admin.post("/api/v1/customers", { name: "Known Co" });
});
afterAll(() => ctx.close());

// Two companies that are no customer yet (one of them named twice), one that is, and an owner no user is.
const file = [
  "Name,Email,Company,Owner",
  "Ann Lee,ann@gottlieb.example,Gottlieb and Sons,",
  "Bo Chen,bo@gottlieb.example,gottlieb and sons,",
  "Cy Wu,cy@hane.example,Hane LLC,Jane Doe",
  "Di Ma,di@known.example,Known Co,",
].join("\n");
const mapping = { "0": "name", "1": "emails.work", "2": "customer", "3": "owner" };

async function uploaded(text = file): Promise<string> {
  const res = await uploadImport<Upload>(ctx, admin, text, "objectType=contact");
  expect(res.status).toBe(201);
  return res.body.batch.id;
}

const dryRun = async (id: string, body: Record<string, unknown>, lang = "en") => {
  const res = await admin.request<DryRun>("POST", `/api/v1/imports/${id}/dry-run`, body, { "accept-language": lang });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

async function run(id: string, body: Record<string, unknown>): Promise<Batch> {
  expect((await admin.post(`/api/v1/imports/${id}/run`, body)).status).toBe(202);
  await runDueJobs(ctx);
  return (await admin.get<Batch>(`/api/v1/imports/${id}`)).body;
}

/** The cells of a CSV line: quoted when they hold a comma or a quote, a quote doubled. */
const cellsOf = (line: string) =>
  [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
    (m[1] ?? "").replace(/^"(.*)"$/s, "$1").replaceAll('""', '"'),
  );

/** The downloaded report's message column (its fourth), by file row. */
async function reportMessages(id: string, lang: string): Promise<Map<number, string>> {
  const res = await ctx.app.inject({
    method: "GET",
    url: `/api/v1/imports/${id}/report.csv?lang=${lang}`,
    headers: { cookie: admin.auth.cookie ?? "" },
  });
  expect(res.statusCode).toBe(200);
  const lines = res.body
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(1);
  return new Map(lines.map((line) => cellsOf(line)).map((cells) => [Number(cells[0]), cells[3] ?? ""]));
}

describe("a contact import that creates customers counts them", () => {
  it("tells at the check how many customers the run will create, each company once", async () => {
    const id = await uploaded();
    expect(await dryRun(id, { mapping })).toMatchObject({ create: 4, newCustomers: 0 });
    expect(await dryRun(id, { mapping, createCustomers: true })).toMatchObject({ create: 4, newCustomers: 2 });
  });

  it("counts on the batch the customers the run created, which the undo removes with the contacts", async () => {
    const id = await uploaded();
    const done = await run(id, { mapping, createCustomers: true });
    expect(done).toMatchObject({ status: "done", createdCount: 4, createdCustomers: 2 });
    const listed = (await admin.get<{ data: (Batch & { id: string })[] }>("/api/v1/imports?objectType=contact")).body;
    expect(listed.data.find((b) => b.id === id)).toMatchObject({ createdCustomers: 2 });
    // What the undo's question counts (the contacts and the customers) is what the undo takes back.
    const undone = await undoImport(ctx, admin, id);
    expect(undone).toMatchObject({ status: "undone", revertedCount: done.createdCount + done.createdCustomers });
  });

  it("counts as kept a created customer that got a follow-up since, and leaves it in place", async () => {
    const id = await uploaded();
    const done = await run(id, { mapping, createCustomers: true });
    expect(done).toMatchObject({ status: "done", createdCount: 4, createdCustomers: 2 });
    const found = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/customers?q=Hane");
    const hane = found.body.data.find((c) => c.name === "Hane LLC");
    const call = await admin.post("/api/v1/follow-ups", { customerId: hane?.id, kind: "call", content: "Met Hane" });
    expect(call.status).toBe(201);
    const undone = await undoImport(ctx, admin, id);
    // The four contacts and Gottlieb go; Hane stays for its follow-up, and the count says so.
    expect(undone).toMatchObject({ status: "undone", revertedCount: 5, keptCount: 1 });
    expect((await admin.get(`/api/v1/customers/${hane?.id}`)).status).toBe(200);
    // To the trash, so that the tests after find the file's companies new again.
    expect((await admin.request("DELETE", `/api/v1/customers/${hane?.id}`)).status).toBe(204);
  });

  it("counts no customers for an import without the option, nor for a customer import", async () => {
    const id = await uploaded();
    const contacts = await run(id, { mapping });
    expect(contacts).toMatchObject({ status: "done", createdCount: 4, createdCustomers: 0 });
    await undoImport(ctx, admin, id); // the file's contacts are new again for the tests after
    const res = await uploadImport<Upload>(ctx, admin, "Name\nCounted Co\n", "objectType=customer");
    const customers = await run(res.body.batch.id, { mapping: { "0": "name" } });
    expect(customers).toMatchObject({ status: "done", createdCount: 1, createdCustomers: 0 });
  });
});

describe("a contact import's notes say what will happen at the check, and what happened in the report", () => {
  it("says at the check that the company will be created and the contact will be imported as yours", async () => {
    const id = await uploaded();
    const en = await dryRun(id, { mapping, createCustomers: true });
    expect(en.warnings).toEqual([
      { row: 2, message: 'company "Gottlieb and Sons" is no customer yet: will be created as yours with the import' },
      { row: 3, message: 'company "gottlieb and sons" is no customer yet: will be created as yours with the import' },
      { row: 4, message: 'company "Hane LLC" is no customer yet: will be created as yours with the import' },
      { row: 4, message: 'owner "Jane Doe" is not one active user: will be imported as yours' },
    ]);
    const zh = await dryRun(id, { mapping, createCustomers: true }, "zh-CN");
    expect(zh.warnings.map((w) => w.message)).toEqual([
      "公司“Gottlieb and Sons”还不是客户：将随导入新建为你的客户",
      "公司“gottlieb and sons”还不是客户：将随导入新建为你的客户",
      "公司“Hane LLC”还不是客户：将随导入新建为你的客户",
      "负责人“Jane Doe”未能唯一对应到启用的用户：将导入，负责人为你",
    ]);
    const without = await dryRun(id, { mapping }, "zh-CN");
    expect(without.warnings[0]?.message).toBe(
      "公司“Gottlieb and Sons”未能唯一对应到你可以查看的客户：将导入，但不关联客户",
    );
  });

  it("says in the report that the company was created and the contact was imported as yours", async () => {
    const id = await uploaded();
    expect(await run(id, { mapping, createCustomers: true })).toMatchObject({ status: "done", createdCustomers: 2 });
    const zh = await reportMessages(id, "zh-CN");
    expect(zh.get(2)).toBe("公司“Gottlieb and Sons”还不是客户：已随导入新建为你的客户");
    expect(zh.get(4)).toBe(
      "公司“Hane LLC”还不是客户：已随导入新建为你的客户；负责人“Jane Doe”未能唯一对应到启用的用户：已导入，负责人为你",
    );
    expect(zh.get(5)).toBe("");
    const en = await reportMessages(id, "en");
    expect(en.get(4)).toBe(
      'company "Hane LLC" is no customer yet: created as yours with the import; owner "Jane Doe" is not one active user: imported as yours',
    );
    await undoImport(ctx, admin, id);
  });

  it("says in the report that a company the organization's rules refused was not created, and nothing else about it", async () => {
    // From here on a customer needs a contract number: the import's customers, which have none, are refused.
    const field = await admin.post("/api/v1/custom-fields", {
      objectType: "customer",
      key: "contract_no",
      type: "text",
      label: { en: "Contract", "zh-CN": "合同编号" },
      required: true,
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const id = await uploaded("Name,Company\nEd Xu,Refused Co\n");
    expect(await dryRun(id, { mapping: { "0": "name", "1": "customer" }, createCustomers: true })).toMatchObject({
      newCustomers: 1,
    });
    const done = await run(id, { mapping: { "0": "name", "1": "customer" }, createCustomers: true });
    expect(done).toMatchObject({ status: "done", createdCount: 1, createdCustomers: 0 });
    const en = (await reportMessages(id, "en")).get(2) ?? "";
    expect(en).toMatch(/^company "Refused Co" could not be created: /);
    expect(en).not.toMatch(/created as yours/);
    expect((await reportMessages(id, "zh-CN")).get(2)).toMatch(/^未能新建公司“Refused Co”：/);
  });
});
