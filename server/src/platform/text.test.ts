import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../test/harness.ts";

type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };
type Named = { id: string; name: string; version: number };
type List<T> = { data: T[] };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const invisible = "must contain a visible character";
const controls = "must not contain control or bidirectional-override characters";

describe("a customer's or contact's name", () => {
  const badNames: [string, string][] = [
    ["\u200b\u200b", invisible], // zero-width spaces only
    ["\u200d\ufeff\u2060", invisible], // joiner, BOM, word joiner
    ["\u3164", invisible], // Hangul filler: a letter that draws nothing
    ["a\u0007b\u001bc", controls], // BEL and ESC
    ["evil\u202egnp.exe", controls], // right-to-left override: shows as "evilexe.png"
    ["two\nlines", controls],
    ["\u2066isolated\u2069", controls],
  ];

  for (const url of ["/api/v1/customers", "/api/v1/contacts"]) {
    it(`${url}: with nothing visible, or with control or bidi-override characters, is a 400 on name`, async () => {
      for (const [name, message] of badNames) {
        const res = await admin.post<ErrorBody>(url, { name });
        expect(res.status, JSON.stringify(name)).toBe(400);
        expect(res.body.error.details, JSON.stringify(name)).toEqual([{ path: "name", message }]);
      }
      expect((await admin.get<List<Named>>(url)).body.data).toEqual([]);
    });
  }

  it("keeps working names: Chinese, emoji with joiners, right-to-left scripts, spaces inside", async () => {
    for (const name of ["李 娜", "Zoë 👩‍💻", "شركة الأمل", "\u200fעברית", "  Trimmed Ltd  "]) {
      const res = await admin.post<Named>("/api/v1/customers", { name });
      expect(res.status, name).toBe(201);
      expect(res.body.name).toBe(name.trim());
    }
  });

  it("is checked on update too, and a single-line field (a contact's title) refuses controls; notes keep line breaks", async () => {
    const contact = (await admin.post<Named>("/api/v1/contacts", { name: "Wang Fang", notes: "line 1\nline 2" })).body;
    const bad = await admin.patch<ErrorBody>(`/api/v1/contacts/${contact.id}`, {
      version: contact.version,
      name: "\u200b",
      title: "CEO\u202e",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: "name", message: invisible },
      { path: "title", message: controls },
    ]);
    const zh = await admin.request<ErrorBody>(
      "POST",
      "/api/v1/customers",
      { name: "\u200b" },
      {
        "accept-language": "zh-CN",
      },
    );
    expect(zh.body.error.details).toEqual([{ path: "name", message: "必须包含可见字符" }]);
  });
});
