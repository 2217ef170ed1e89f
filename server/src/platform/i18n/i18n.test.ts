import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { hasTranslation, translate } from "./translate.ts";

const serverSource = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

// A string or template literal; a template's ${…} parts stand for any value.
const quoted = String.raw`"(?:[^"\\]|\\.)*"`;
const backquoted = "`(?:[^`\\\\]|\\\\.)*`";
const literal = `(${quoted}|${backquoted})`;
/** Where the code writes a message a caller reads: errors, and the messages of checks and import rows. */
const messageSites = [
  new RegExp(String.raw`\b(?:validationFailed|invalidReference)\(\s*[^,()]+(?:\([^()]*\))?,\s*${literal}`, "g"),
  new RegExp(String.raw`new AppError\(\s*"[a-z_]+",\s*${literal}`, "g"),
  new RegExp(String.raw`\bforbidden\(\s*${literal}`, "g"),
  new RegExp(String.raw`\bmessage:\s*${literal}`, "g"),
];

/** The messages in the server's code, each as a sample text (a template's values replaced by "X"). */
function messagesInCode(): { file: string; message: string }[] {
  const found: { file: string; message: string }[] = [];
  for (const file of sourceFiles(serverSource)) {
    if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const site of messageSites) {
      for (const match of text.matchAll(site)) {
        const raw = match[1] ?? "";
        const body = raw.slice(1, -1);
        const sample = raw.startsWith("`") ? body.replace(/\$\{[^}]*\}/g, "X") : JSON.parse(raw);
        found.push({ file: path.relative(serverSource, file), message: sample });
      }
    }
    // notFound("Customer") answers "Customer not found".
    for (const match of text.matchAll(new RegExp(String.raw`\bnotFound\(\s*${literal}`, "g"))) {
      found.push({ file: path.relative(serverSource, file), message: `${JSON.parse(match[1] ?? '""')} not found` });
    }
  }
  return found;
}

describe("server messages in Chinese", () => {
  it("has a translation for every message the code writes", () => {
    const messages = messagesInCode();
    expect(messages.length).toBeGreaterThan(100);
    // "X: X" and the like join other messages (a path and its message): each part is translated.
    const joined = /^[X\s:;,.()]*$/;
    const missing = messages
      .filter((m) => !joined.test(m.message) && !hasTranslation(m.message))
      .map((m) => `${m.file}: ${m.message}`);
    expect(missing).toEqual([]);
  });

  it("fills a template's values, translating the ones that are terms", () => {
    expect(translate("is required", "zh-CN")).toBe("为必填项");
    expect(translate("is required", "en")).toBe("is required");
    expect(translate("a message nobody wrote", "zh-CN")).toBe("a message nobody wrote");
    // A path before a message stays; the message is translated.
    expect(translate("phones.0.number: is required", "zh-CN")).toBe("phones.0.number：为必填项");
    expect(translate("Customer not found", "zh-CN")).toBe("找不到客户");
    // An id before a message is a path too, not the start of "{what} not found".
    const id = "01a2067c-ebb4-730e-ac54-5b9c08db49c3";
    expect(translate(`${id}: Customer not found`, "zh-CN")).toBe(`${id}：找不到客户`);
  });
});

describe("errors in the caller's language", () => {
  type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
  let ctx: TestContext;
  let admin: ApiClient;
  beforeAll(async () => {
    ctx = await createTestContext();
    ({ admin } = await setUpOrganization(ctx));
  });
  afterAll(() => ctx.close());

  const chinese = /[\u4e00-\u9fff]/;
  const post = (url: string, body: unknown, language: string) =>
    admin.request<ErrorBody>("POST", url, body, { "accept-language": language });

  it("answers a check of ours in Chinese to a Chinese caller, with the same code and path", async () => {
    const late = { title: "Late", dueAt: "2030-01-01T10:00:00Z", remindAt: "2030-01-01T11:00:00Z" };
    const en = await post("/api/v1/tasks", late, "en");
    const zh = await post("/api/v1/tasks", late, "zh-CN,zh;q=0.9");
    expect(en.body.error.details).toEqual([{ path: "remindAt", message: "must be before the due time" }]);
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe("validation_failed");
    expect(zh.body.error.details[0]?.path).toBe("remindAt");
    expect(zh.body.error.details[0]?.message).toMatch(chinese);
    expect(zh.body.error.message).toBe(`remindAt: ${zh.body.error.details[0]?.message}`);
  });

  it("translates only the message part of a bulk action's per-record detail", async () => {
    const id = "01a20000-0000-7000-8000-000000000000";
    const zh = await post("/api/v1/customers/bulk", { action: "addTag", tag: "vip", ids: [id] }, "zh-CN");
    expect(zh.status).toBe(404);
    expect(zh.body.error.details).toEqual([{ path: "ids.0", message: `${id}：找不到客户` }]);
  });

  it("answers schema checks and unknown fields in Chinese too", async () => {
    const zh = await post("/api/v1/customers", { kind: "company", color: "blue" }, "zh-CN");
    const byPath = new Map(zh.body.error.details.map((d) => [d.path, d.message]));
    expect(byPath.get("name")).toMatch(chinese);
    expect(byPath.get("color")).toMatch(chinese);
    const missing = await admin.request<ErrorBody>(
      "GET",
      "/api/v1/customers/01890000-0000-7000-8000-000000000000",
      undefined,
      {
        "accept-language": "zh-CN",
      },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(chinese);
  });
});
