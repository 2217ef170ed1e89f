import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../test/harness.ts";

type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };
type Saved = Record<string, unknown> & { id: string; version: number };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const invisible = "must contain a visible character";
const controls = "must not contain control or bidirectional-override characters";
const badValues: [string, string][] = [
  ["\u200b\u200b\u200b", invisible], // zero-width spaces only: looks empty, is not
  ["evil\u202egnp", controls], // right-to-left override: shows as "evilpng"
];

let unique = 0;
const next = () => ++unique;

/**
 * A single-line name or title a person types, by the API that takes it: the record it creates with
 * a value, the same field in an update, where the value is read back, and a list that shows it.
 */
type LineField = {
  what: string;
  path: string;
  createUrl: string;
  create: (value: string) => Record<string, unknown>;
  update: (value: string) => Record<string, unknown>;
  read: (record: Saved) => unknown;
  listUrl: string;
};

const customField = (label: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  objectType: "customer",
  key: `line_text_${next()}`,
  type: "text",
  label,
  ...extra,
});

const fields: LineField[] = [
  {
    what: "a task's title",
    path: "title",
    createUrl: "/api/v1/tasks",
    create: (title) => ({ title }),
    update: (title) => ({ title }),
    read: (task) => task.title,
    listUrl: "/api/v1/tasks?limit=200",
  },
  {
    what: "a user's name",
    path: "name",
    createUrl: "/api/v1/users",
    create: (name) => ({ name, email: `line${next()}@acme.test`, password: "correct horse battery" }),
    update: (name) => ({ name }),
    read: (user) => user.name,
    listUrl: "/api/v1/users",
  },
  {
    what: "a role's name",
    path: "name",
    createUrl: "/api/v1/roles",
    create: (name) => ({ name, permissions: {} }),
    update: (name) => ({ name }),
    read: (role) => role.name,
    listUrl: "/api/v1/roles",
  },
  {
    what: "a department's name",
    path: "name",
    createUrl: "/api/v1/departments",
    create: (name) => ({ name }),
    update: (name) => ({ name }),
    read: (department) => department.name,
    listUrl: "/api/v1/departments",
  },
  {
    what: "a saved view's name",
    path: "name",
    createUrl: "/api/v1/saved-views",
    create: (name) => ({ objectType: "customers", name }),
    update: (name) => ({ name }),
    read: (view) => view.name,
    listUrl: "/api/v1/saved-views?objectType=customers",
  },
  {
    what: "an option value's Chinese label",
    path: "labelZh",
    createUrl: "/api/v1/option-lists/customer.industry/values",
    create: (labelZh) => ({ key: `zh-${next()}`, labelZh, labelEn: `Industry ${unique}` }),
    update: (labelZh) => ({ labelZh }),
    read: (value) => value.labelZh,
    listUrl: "/api/v1/option-lists/customer.industry",
  },
  {
    what: "an option value's English label",
    path: "labelEn",
    createUrl: "/api/v1/option-lists/customer.source/values",
    create: (labelEn) => ({ key: `en-${next()}`, labelZh: `来源${unique}`, labelEn }),
    update: (labelEn) => ({ labelEn }),
    read: (value) => value.labelEn,
    listUrl: "/api/v1/option-lists/customer.source",
  },
  {
    what: "a custom field's English label",
    path: "label.en",
    createUrl: "/api/v1/custom-fields",
    create: (en) => customField({ en, "zh-CN": "英文标签检查" }),
    update: (en) => ({ label: { en, "zh-CN": "英文标签检查" } }),
    read: (field) => (field.label as Record<string, string>).en,
    listUrl: "/api/v1/custom-fields?archived=true",
  },
  {
    what: "a custom field's Chinese label",
    path: "label.zh-CN",
    createUrl: "/api/v1/custom-fields",
    create: (zh) => customField({ en: "Chinese label check", "zh-CN": zh }),
    update: (zh) => ({ label: { en: "Chinese label check", "zh-CN": zh } }),
    read: (field) => (field.label as Record<string, string>)["zh-CN"],
    listUrl: "/api/v1/custom-fields?archived=true",
  },
  {
    what: "a custom field option's label",
    path: "options.0.label.en",
    createUrl: "/api/v1/custom-fields",
    create: (en) =>
      customField(
        { en: "Option label check", "zh-CN": "选项标签检查" },
        { type: "singleChoice", options: [{ key: "only", label: { en, "zh-CN": "唯一" } }] },
      ),
    update: (en) => ({ options: [{ key: "only", label: { en, "zh-CN": "唯一" } }] }),
    read: (field) => (field.options as { label: { en: string } }[])[0]?.label.en,
    listUrl: "/api/v1/custom-fields?archived=true",
  },
];

describe("single-line names and titles", () => {
  for (const field of fields) {
    it(`${field.what}: refuses nothing visible and bidi overrides on create and update, keeps Chinese and English`, async () => {
      const created = await admin.post<Saved>(field.createUrl, field.create("季度回顾会议"));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(field.read(created.body)).toBe("季度回顾会议");
      const patchUrl = `${field.createUrl}/${created.body.id}`;
      const before = (await admin.get(field.listUrl)).body;

      for (const [value, message] of badValues) {
        const label = JSON.stringify(value);
        const refusedCreate = await admin.post<ErrorBody>(field.createUrl, field.create(value));
        expect(refusedCreate.status, label).toBe(400);
        expect(refusedCreate.body.error.code, label).toBe("validation_failed");
        expect(refusedCreate.body.error.details, label).toEqual([{ path: field.path, message }]);

        const refusedUpdate = await admin.patch<ErrorBody>(patchUrl, {
          version: created.body.version,
          ...field.update(value),
        });
        expect(refusedUpdate.status, label).toBe(400);
        expect(refusedUpdate.body.error.details, label).toEqual([{ path: field.path, message }]);
      }
      // Nothing created, nothing changed, not even a version.
      expect((await admin.get(field.listUrl)).body).toEqual(before);

      const updated = await admin.patch<Saved>(patchUrl, {
        version: created.body.version,
        ...field.update("Quarterly review"),
      });
      expect(updated.status).toBe(200);
      expect(field.read(updated.body)).toBe("Quarterly review");
    });
  }

  it("an API key's name: refuses nothing visible and bidi overrides, creates no key", async () => {
    const keys = async () => (await admin.get<{ data: unknown[] }>("/api/v1/api-keys")).body.data.length;
    const before = await keys();
    for (const [value, message] of badValues) {
      const res = await admin.post<ErrorBody>("/api/v1/api-keys", { name: value });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual({ path: "name", message });
    }
    expect(await keys()).toBe(before);
    expect((await admin.post("/api/v1/api-keys", { name: "ERP 同步" })).status).toBe(201);
  });

  it("names the problem in Chinese for a Chinese page", async () => {
    const res = await admin.post<ErrorBody>("/api/v1/tasks", { title: "\u200b" }, { "accept-language": "zh-CN" });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "title", message: "必须包含可见字符" }]);
  });
});
