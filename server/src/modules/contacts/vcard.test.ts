import iconv from "iconv-lite";
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
const importVcf = (client: ApiClient, file: string | Buffer, query = "") =>
  client.request<ImportResult & ErrorBody>("POST", `/api/v1/contacts/import.vcf${query}`, file, vcf);
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
    // The three share a hotline (400 800 8888), which the duplicate rules take for one person: create anyway.
    const imported = await importVcf(globex.admin, exported.body, "?duplicates=create");
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
    expect(res.body.error.details).toEqual([
      { path: "cards.2", message: "card 2 (Bad Mail): Email: Invalid email address" },
      { path: "cards.3", message: "card 3: has no name (FN or N)" },
    ]);
    const zh = await admin.request<ErrorBody>("POST", "/api/v1/contacts/import.vcf", text, {
      ...vcf,
      "accept-language": "zh-CN",
    });
    // The field by its label, and a problem ending in "(…)" not taken for a card's name.
    expect(zh.body.error.details.map((d) => d.message)).toEqual([
      "第 2 张名片（Bad Mail）：邮箱：邮箱地址格式不正确",
      "第 3 张名片：没有姓名（FN 或 N）",
    ]);
    expect((await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length).toBe(before);

    const skipping = await importVcf(admin, text, "?skipInvalid=true");
    expect(skipping.status).toBe(200);
    expect(skipping.body.cards.map((c) => c.status)).toEqual(["created", "skipped", "skipped"]);
    expect((await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length).toBe(before + 1);

    const notVcf = await importVcf(admin, "name,email\nAda,ada@example.com");
    expect(notVcf.status).toBe(400);
    expect(notVcf.body.error.details[0]?.path).toBe("body");
  });

  it("translates every problem of a card with several for a Chinese page, not only the first", async () => {
    const before = (await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length;
    // The second card's name holds "; " itself: still one name, not the end of a problem.
    const text = [
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Two Faults\r\nTEL:call me\r\nEMAIL:not an address\r\nEND:VCARD",
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lee\\; Partners\r\nTEL:call me\r\nEMAIL:not an address\r\nEND:VCARD",
    ].join("\r\n");
    const problems = "Phone: must be a phone number (digits, spaces, + ( ) - .); Email: Invalid email address";
    const res = await importVcf(admin, text);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: "cards.1", message: `card 1 (Two Faults): ${problems}` },
      { path: "cards.2", message: `card 2 (Lee; Partners): ${problems}` },
    ]);

    const zhImport = (query = "") =>
      admin.request<ImportResult & ErrorBody>("POST", `/api/v1/contacts/import.vcf${query}`, text, {
        ...vcf,
        "accept-language": "zh-CN",
      });
    const zhProblems = "电话：必须是电话号码（数字、空格、+ ( ) - .）；邮箱：邮箱地址格式不正确";
    expect((await zhImport()).body.error.details).toEqual([
      { path: "cards.1", message: `第 1 张名片（Two Faults）：${zhProblems}` },
      { path: "cards.2", message: `第 2 张名片（Lee; Partners）：${zhProblems}` },
    ]);
    // Skipped instead, each card's reason reads the same.
    const skipped = await zhImport("?skipInvalid=true");
    expect(skipped.body.cards.map((c) => [c.status, c.reason])).toEqual([
      ["skipped", `无效：${zhProblems}`],
      ["skipped", `无效：${zhProblems}`],
    ]);
    expect((await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length).toBe(before);
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

/** Lines as a phone writes them: CRLF after each, the text in `encoding`'s bytes. */
const phoneFile = (lines: string[], encoding = "utf-8") =>
  iconv.encode(lines.map((l) => `${l}\r\n`).join(""), encoding);
const contactNamed = async (client: ApiClient, name: string) =>
  (await client.get<List>(`/api/v1/contacts?q=${encodeURIComponent(name)}&limit=200`)).body.data.find(
    (c) => c.name === name,
  );

describe("vCard from Chinese phones and older address books", () => {
  it("reads a vCard 2.1 card with quoted-printable UTF-8 values and soft line breaks, as Android exports it", async () => {
    const file = phoneFile([
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=89;;;",
      "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=B8=89",
      "TEL;CELL;PREF:138 0013 8001",
      "TEL;WORK;VOICE:010-8888 6666",
      "EMAIL;WORK:zhangsan@yuanhang.example",
      // The soft line breaks fall inside a character's bytes, as Android's 76-column lines do.
      "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=8C=97=E4=BA=AC=E8=BF=9C=E8=88=AA=E7=A7=91=E6=8A=80=E6=9C=89=E9=99=",
      "=90=E5=85=AC=E5=8F=B8;=E9=94=80=E5=94=AE=E9=83=A8",
      "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=94=80=E5=94=AE=E7=BB=8F=E7=90=86",
      "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=E7=AC=AC=E4=B8=80=E6=AC=A1=E8=A7=81=E9=9D=A2=E5=9C=A8=E5=B9=BF=E5=B7=9E=",
      "=E5=B1=95=E4=BC=9A=E3=80=82=0D=0A=E5=96=9C=E6=AC=A2=E5=96=9D=E8=8C=B6=E3=80=82",
      "X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android.cursor.item/nickname;=E5=B0=8F=E5=BC=A0;1;;;;;;;;;;;;;",
      "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U",
      "  HRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA",
      "",
      "END:VCARD",
    ]);
    await admin.post("/api/v1/customers", { name: "北京远航科技有限公司" });
    const res = await importVcf(admin, file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, cards: [{ name: "张三", status: "created", warnings: [] }] });
    expect(await contactNamed(admin, "张三")).toMatchObject({
      customerName: "北京远航科技有限公司",
      department: "销售部",
      title: "销售经理",
      phones: [
        { label: "mobile", number: "138 0013 8001" },
        { label: "work", number: "010-8888 6666" },
      ],
      emails: [{ label: "work", address: "zhangsan@yuanhang.example" }],
      notes: "第一次见面在广州展会。\n喜欢喝茶。",
    });
  });

  it("reads a 2.1 card in GBK that says CHARSET=GBK, raw or quoted-printable", async () => {
    const card = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=CD=F5;=B7=BC;;;",
      "FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=CD=F5=B7=BC",
      "TEL;HOME:021-6288 0000",
      "END:VCARD",
    ].join("\r\n");
    // TITLE's bytes are GBK as they stand, told by CHARSET alone.
    const title = Buffer.concat([
      Buffer.from("TITLE;CHARSET=GB2312:"),
      iconv.encode("采购主管", "gbk"),
      Buffer.from("\r\n"),
    ]);
    const file = Buffer.concat([Buffer.from(card.replace("END:VCARD", "")), title, Buffer.from("END:VCARD\r\n")]);
    const res = await importVcf(admin, file);
    expect(res.status).toBe(200);
    expect(res.body.cards).toEqual([expect.objectContaining({ name: "王芳", status: "created", warnings: [] })]);
    expect(await contactNamed(admin, "王芳")).toMatchObject({
      title: "采购主管",
      phones: [{ label: "home", number: "021-6288 0000" }],
    });
  });

  it("reads a whole GBK file without CHARSET as the CSV import does, pointing out a UTF-8 card pasted in", async () => {
    // What Outlook on a Chinese Windows writes: vCard 2.1 in the system's code page.
    const outlook = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N:赵;敏",
      "FN:赵敏",
      "ORG:杭州明德贸易有限公司;采购部",
      "TITLE:采购经理",
      "TEL;WORK;VOICE:0571-8888 0001",
      "EMAIL;PREF;INTERNET:zhaomin@mingde.example",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N:欧阳;修",
      "FN:欧阳修",
      "NOTE:老客户，喜欢电话联系",
      "END:VCARD",
    ];
    await admin.post("/api/v1/customers", { name: "杭州明德贸易有限公司" });
    const res = await importVcf(admin, phoneFile(outlook, "gbk"));
    expect(res.status).toBe(200);
    expect(res.body.cards.map((c) => [c.name, c.warnings])).toEqual([
      ["赵敏", []],
      ["欧阳修", []],
    ]);
    expect(await contactNamed(admin, "赵敏")).toMatchObject({
      customerName: "杭州明德贸易有限公司",
      title: "采购经理",
      department: "采购部",
      phones: [{ label: "work", number: "0571-8888 0001" }],
    });
    expect(await contactNamed(admin, "欧阳修")).toMatchObject({ notes: "老客户，喜欢电话联系" });

    const pasted = phoneFile(["BEGIN:VCARD", "VERSION:3.0", "FN:钱七", "TITLE:总监", "END:VCARD"]);
    const mixed = await importVcf(admin, Buffer.concat([phoneFile(outlook.slice(0, 9), "gbk"), pasted]));
    expect(mixed.body.cards).toEqual([
      expect.objectContaining({ name: "赵敏", warnings: [] }),
      expect.objectContaining({
        name: "钱七",
        warnings: [
          "the file mixes UTF-8 and GBK text: FN was read as UTF-8, check it",
          "the file mixes UTF-8 and GBK text: TITLE was read as UTF-8, check it",
        ],
      }),
    ]);
    expect(await contactNamed(admin, "钱七")).toMatchObject({ title: "总监" });
  });

  it("refuses a card whose bytes no encoding reads, naming the card and the property", async () => {
    const before = (await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length;
    const file = Buffer.concat([
      phoneFile(["BEGIN:VCARD", "VERSION:3.0", "FN:孙八", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0"]),
      Buffer.from("FN:"),
      Buffer.from([0xff, 0xfe, 0x80, 0xff, 0x80]),
      phoneFile(["", "END:VCARD"]),
      phoneFile(["BEGIN:VCARD", "VERSION:2.1", "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D5=C5=C8=FD", "END:VCARD"]),
    ]);
    const res = await importVcf(admin, file);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: "cards.2", message: "card 2: FN cannot be read: it is neither UTF-8 nor GBK text" },
      { path: "cards.3", message: "card 3: FN cannot be read as UTF-8 (its CHARSET)" },
    ]);
    expect((await admin.get<List>("/api/v1/contacts?limit=200")).body.data.length).toBe(before);

    const zh = await admin.request<ErrorBody>("POST", "/api/v1/contacts/import.vcf", file, {
      ...vcf,
      "accept-language": "zh-CN",
    });
    expect(zh.body.error.details[0]?.message).toBe("第 2 张名片：FN 无法读取：既不是 UTF-8 也不是 GBK 文本");

    const skipping = await importVcf(admin, file, "?skipInvalid=true");
    expect(skipping.body.cards.map((c) => [c.status, c.reason])).toEqual([
      ["created", null],
      ["skipped", "not valid: FN cannot be read: it is neither UTF-8 nor GBK text"],
      ["skipped", "not valid: FN cannot be read as UTF-8 (its CHARSET)"],
    ]);
    const names = (await admin.get<List>("/api/v1/contacts?limit=200")).body.data.map((c) => c.name);
    expect(names.filter((name) => name.includes("\uFFFD"))).toEqual([]);
  });

  it("exports a Chinese name's N as family and given name, and imports it back as the same name", async () => {
    const customer = (await admin.post<{ id: string }>("/api/v1/customers", { name: "姓名往返有限公司" })).body.id;
    // "王 芳" and "诸葛 明月" as people often type them, with a space: still family name first.
    for (const name of ["李娜", "欧阳娜娜", "司马相如", "Grace Hopper", "王 芳", "诸葛 明月"]) {
      expect((await admin.post("/api/v1/contacts", { customerId: customer, name })).status).toBe(201);
    }
    const exported = (await exportVcf(admin, `?customerId=${customer}&sort=name`)).body;
    const nLines = exported.split("\r\n").filter((line) => line.startsWith("N:"));
    expect(nLines.sort()).toEqual([
      "N:Hopper;Grace;;;",
      "N:司马;相如;;;",
      "N:李;娜;;;",
      "N:欧阳;娜娜;;;",
      "N:王;芳;;;",
      "N:诸葛;明月;;;",
    ]);

    const initech = await addOrganization(ctx, "Initech", "admin@initech.test");
    expect((await importVcf(initech.admin, exported)).body.created).toBe(6);
    const names = (await initech.admin.get<List>("/api/v1/contacts?sort=name")).body.data.map((c) => c.name);
    expect(names.sort()).toEqual(["Grace Hopper", "司马相如", "李娜", "欧阳娜娜", "王 芳", "诸葛 明月"]);

    // A card without FN takes its name from N, family name first and without a space.
    const withoutFn = exported.replace(/^FN:.*\r\n/gm, "");
    const parsed = parseVCards(withoutFn);
    expect(Array.isArray(parsed) && parsed.map((card) => "contact" in card && card.contact.name).sort()).toEqual([
      "Grace Hopper",
      "司马相如",
      "李娜",
      "欧阳娜娜",
      "王芳",
      "诸葛明月",
    ]);
  });
});

describe("vCard import applies the contact duplicate rules", () => {
  const cards = [
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周琳\r\nTEL;TYPE=CELL:139 1000 2000\r\nEND:VCARD",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陈晓明\r\nEMAIL:xm.chen@dup.example\r\nTITLE:采购经理\r\nEND:VCARD",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Linda Zhou\r\nEMAIL:linda@dup.example\r\nEND:VCARD",
  ].join("\r\n");

  it("skips every card of a file imported again, saying which contact each matches", async () => {
    const org = await addOrganization(ctx, "Dup Vcf Co", "admin@dupvcf.test");
    const first = await importVcf(org.admin, cards);
    expect(first.body).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    const again = await importVcf(org.admin, cards);
    expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 3 });
    expect(again.body.cards.map((c) => c.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(again.body.cards[1]?.reason).toMatch(/^matches "陈晓明"/);
    const zh = await org.admin.request<ImportResult>("POST", "/api/v1/contacts/import.vcf", cards, {
      ...vcf,
      "accept-language": "zh-CN",
    });
    expect(zh.body.cards[0]?.reason).toMatch(/^与已有记录“周琳”/);
    expect((await org.admin.get<List>("/api/v1/contacts?limit=200")).body.data).toHaveLength(3);
  });

  it("updates the matching contact, or creates anyway, as chosen; a card repeated in the file counts too", async () => {
    const org = await addOrganization(ctx, "Dup Vcf Update Co", "admin@dupvcfupdate.test");
    await importVcf(org.admin, cards);
    const changed = cards.replace("TITLE:采购经理", "TITLE:采购总监");
    const updated = await importVcf(org.admin, changed, "?duplicates=update");
    expect(updated.body).toMatchObject({ created: 0, updated: 3, skipped: 0 });
    expect(await contactNamed(org.admin, "陈晓明")).toMatchObject({ title: "采购总监" });

    const anyway = await importVcf(org.admin, cards, "?duplicates=create");
    expect(anyway.body).toMatchObject({ created: 3, skipped: 0 });

    const twice = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Twice\r\nEMAIL:twice@dup.example\r\nEND:VCARD\r\n";
    const repeated = await importVcf(org.admin, twice + twice);
    expect(repeated.body.cards.map((c) => c.status)).toEqual(["created", "skipped"]);
  });
});
