import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { foldLine, parseVCards, serializeVCards } from "./vcard.ts";

type Contact = Record<string, unknown> & { id: string; name: string; customerId: string | null };
type List = { data: Contact[]; nextCursor: string | null };
type ImportResult = {
  created: number;
  skipped: number;
  cards: { number: number; name: string | null; status: string; reason: string | null; warnings: string[] }[];
};
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const vcf = { "content-type": "text/vcard; charset=utf-8" };
const importVcf = (client: ApiClient, text: string, query = "") =>
  client.request<ImportResult & ErrorBody>("POST", `/api/v1/contacts/import.vcf${query}`, text, vcf);
const exportVcf = async (client: ApiClient, query = "") => {
  const res = await ctx.app.inject({
    method: "GET",
    url: `/api/v1/contacts/export.vcf${query}`,
    headers: { cookie: client.auth.cookie ?? "" },
  });
  return res;
};
/** What a contact is, without what belongs to one organization (ids, times, owner, customer). */
const portable = (c: Contact) => ({
  name: c.name,
  title: c.title,
  department: c.department,
  phones: c.phones,
  emails: c.emails,
  im: c.im,
  birthday: c.birthday,
  buyingRole: c.buyingRole,
  notes: c.notes,
});

const appleV3 = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
  "N:Lovelace;Ada;;;",
  "FN:Ada Lovelace",
  "ORG:Analytical\\, Engines Ltd;Research",
  "TITLE:Countess\\, Mathematician",
  "item1.TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0000",
  "TEL;type=WORK;type=VOICE:+44 20 7946 0001",
  "EMAIL;type=INTERNET;type=HOME;type=pref:ada@home.example",
  "IMPP;X-SERVICE-TYPE=WeChat;type=pref:x-apple:ada_wx",
  "X-QQ:10001",
  "BDAY;VALUE=date:1815-12-10",
  "NOTE:Wrote the first program\\; notes on the engine\\, in 1843. This line is long enou",
  " gh that Apple folded it.\\nSecond line.",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:张;伟;;;",
  "FN:张伟",
  "TEL;TYPE=CELL:138 0013 8000",
  "BDAY:--0412",
  "END:VCARD",
].join("\r\n");

describe("vCard text", () => {
  it("folds lines at 75 octets without splitting a character", () => {
    const line = `NOTE:${"长城".repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("writes vCard 4.0 with escaped values and reads it back the same", () => {
    const contact = {
      uid: "urn:uuid:0190b2a4-0000-7000-8000-000000000001",
      name: "Ada; Lovelace, née Byron",
      title: "Analyst, Engines",
      organization: "Engines; Ltd, London",
      department: "R&D",
      phones: [{ label: "mobile" as const, number: "+44 20 7946 0000" }],
      emails: [{ label: "work" as const, address: "ada@example.com" }],
      im: [{ kind: "telegram" as const, handle: "ada lovelace/1" }],
      birthday: "1815-12-10",
      buyingRole: "champion",
      notes: `Line one\nLine two \\ with ${"很长的备注".repeat(20)}`,
    };
    const text = serializeVCards([contact]);
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    // Semicolons need escaping only inside structured values (N, ORG): RFC 6350 §3.4.
    expect(text).toContain("FN:Ada; Lovelace\\, née Byron\r\n");
    expect(text).toContain("ORG:Engines\\; Ltd\\, London;R&D\r\n");
    expect(text).toContain("TEL;TYPE=cell;VALUE=TEXT:+44 20 7946 0000\r\n");
    expect(text).toContain("UID:urn:uuid:0190b2a4-0000-7000-8000-000000000001\r\n");
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const parsed = parseVCards(text);
    expect(parsed).toEqual([{ number: 1, contact, warnings: [] }]);
  });
});

describe("vCard import and export", () => {
  it("imports a vCard 3.0 file as Apple exports it: folded lines, escaped commas, groups, IM", async () => {
    await admin.post("/api/v1/customers", { name: "Analytical, Engines Ltd" });
    const res = await importVcf(admin, appleV3);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, skipped: 0 });
    expect(res.body.cards[1]?.warnings).toEqual([expect.stringMatching(/^BDAY --04-?12 has no year/)]);

    const list = await admin.get<List>("/api/v1/contacts?sort=name&limit=200");
    const ada = list.body.data.find((c) => c.name === "Ada Lovelace");
    expect(ada).toMatchObject({
      title: "Countess, Mathematician",
      customerName: "Analytical, Engines Ltd",
      department: "Research",
      phones: [
        { label: "mobile", number: "+44 20 7946 0000" },
        { label: "work", number: "+44 20 7946 0001" },
      ],
      emails: [{ label: "home", address: "ada@home.example" }],
      im: [
        { kind: "wechat", handle: "ada_wx" },
        { kind: "qq", handle: "10001" },
      ],
      birthday: "1815-12-10",
      notes:
        "Wrote the first program; notes on the engine, in 1843. This line is long enough that Apple folded it.\nSecond line.",
    });
    expect(list.body.data.find((c) => c.name === "张伟")).toMatchObject({ birthday: null, customerId: null });
  });

  it("exports what the filters select and imports it into another organization as the same contacts", async () => {
    const customer = (await admin.post<{ id: string }>("/api/v1/customers", { name: "Round Trip 有限公司" })).body.id;
    for (let i = 0; i < 3; i++) {
      const res = await admin.post("/api/v1/contacts", {
        customerId: customer,
        name: `往返 Contact ${i}`,
        title: "Buyer, senior; EMEA",
        department: "采购部",
        phones: [
          { label: "work", number: `+86 21 5555 010${i}` },
          { label: "other", number: "400 800 8888" },
        ],
        emails: [
          { label: "work", address: `c${i}@rt.example` },
          { label: "other", address: `c${i}@gmail.example` },
        ],
        im: [
          { kind: "wechat", handle: `wx_${i}` },
          { kind: "skype", handle: "live:c.rt" },
          { kind: "other", handle: "xmpp me" },
        ],
        birthday: `1990-01-0${i + 1}`,
        buyingRole: "influencer",
        notes: `多行\n备注, with; specials \\ ${"长".repeat(60)}`,
      });
      expect(res.status).toBe(201);
    }
    const exported = await exportVcf(admin, `?customerId=${customer}&sort=name`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toBe("text/vcard; charset=utf-8");
    expect(exported.body.match(/BEGIN:VCARD/g)).toHaveLength(3);
    expect(exported.body).toContain("ORG:Round Trip 有限公司;采购部");

    const globex = await addOrganization(ctx, "Globex", "admin@globex.test");
    await globex.admin.post("/api/v1/customers", { name: "Round Trip 有限公司" });
    const imported = await importVcf(globex.admin, exported.body);
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(3);

    const ours = (await admin.get<List>(`/api/v1/contacts?customerId=${customer}&sort=name`)).body.data;
    const theirs = (await globex.admin.get<List>("/api/v1/contacts?sort=name")).body.data;
    expect(theirs.map(portable)).toEqual(ours.map(portable));
    expect(theirs.every((c) => c.customerName === "Round Trip 有限公司")).toBe(true);

    // The same file again in the first organization: every card is already there.
    const again = await importVcf(admin, exported.body);
    expect(again.body).toMatchObject({ created: 0, skipped: 3 });
    expect(again.body.cards[0]?.reason).toMatch(/already exists/);
    // A Chinese page reads why in Chinese.
    const zh = await admin.request<ImportResult>("POST", "/api/v1/contacts/import.vcf", exported.body, {
      ...vcf,
      "accept-language": "zh-CN",
    });
    expect(zh.body.cards[0]?.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses a file with an invalid card with 400 naming the card, and creates nothing", async () => {
    const before = (await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length;
    const text = [
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Good One\r\nEND:VCARD",
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bad Mail\r\nEMAIL:not an address\r\nEND:VCARD",
      "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:nameless@example.com\r\nEND:VCARD",
    ].join("\r\n");
    const res = await importVcf(admin, text);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.map((d) => d.path)).toEqual(["cards.2", "cards.3"]);
    expect(res.body.error.details[0]?.message).toMatch(/^card 2 \(Bad Mail\): emails\.0\.address/);
    const zh = await admin.request<ErrorBody>("POST", "/api/v1/contacts/import.vcf", text, {
      ...vcf,
      "accept-language": "zh-CN",
    });
    expect(zh.body.error.details[0]?.message).toMatch(/^第 2 张名片（Bad Mail）：emails\.0\.address：[^a-zA-Z]+$/);
    expect((await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length).toBe(before);

    const skipping = await importVcf(admin, text, "?skipInvalid=true");
    expect(skipping.status).toBe(200);
    expect(skipping.body.cards.map((c) => c.status)).toEqual(["created", "skipped", "skipped"]);
    expect((await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length).toBe(before + 1);

    const notVcf = await importVcf(admin, "name,email\nAda,ada@example.com");
    expect(notVcf.status).toBe(400);
    expect(notVcf.body.error.details[0]?.path).toBe("body");
  });

  it("needs the import and export permissions of contacts", async () => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "No transfer of data",
      permissions: { contacts: { actions: ["view", "create"], scope: "all" } },
    });
    await admin.post("/api/v1/users", {
      name: "Viewer",
      email: "viewer@acme.test",
      password: "correct horse battery",
      roleIds: [role.body.id],
    });
    const viewer = await ctx.signIn("viewer@acme.test", "correct horse battery");
    expect((await exportVcf(viewer)).statusCode).toBe(403);
    expect((await importVcf(viewer, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nEND:VCARD")).status).toBe(403);
  });
});
