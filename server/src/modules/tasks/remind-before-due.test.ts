import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";

type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const inLanguage = (language: string) => ({ "accept-language": language });
const details = (body: ErrorBody) => body.error.details;

describe("times in the wrong order, told in words a person reads", () => {
  it("refuses a reminder at or after the due time, naming the due time, in English and Chinese", async () => {
    const late = { title: "Send the quote", dueAt: "2026-11-27T09:00:00Z", remindAt: "2026-11-27T10:00:00Z" };
    for (const [language, message] of [
      ["en", "must be before the due time"],
      ["zh-CN", "必须早于截止时间"],
    ]) {
      const res = await admin.post<ErrorBody>("/api/v1/tasks", late, inLanguage(language as string));
      expect(res.status).toBe(400);
      expect(details(res.body)).toEqual([{ path: "remindAt", message }]);
    }
    // A reminder at the due time is not before it either; nothing was saved by any of these.
    const same = await admin.post<ErrorBody>("/api/v1/tasks", { ...late, remindAt: late.dueAt }, inLanguage("en"));
    expect(details(same.body)).toEqual([{ path: "remindAt", message: "must be before the due time" }]);
    const list = await admin.get<{ data: unknown[] }>("/api/v1/tasks?q=quote");
    expect(list.body.data).toEqual([]);
  });

  it("refuses a due time moved to before the reminder on an edit", async () => {
    const created = await admin.post<{ id: string; version: number }>("/api/v1/tasks", {
      title: "Call back",
      dueAt: "2026-11-27T09:00:00Z",
      remindAt: "2026-11-27T08:00:00Z",
    });
    expect(created.status).toBe(201);
    const moved = await admin.request<ErrorBody>(
      "PATCH",
      `/api/v1/tasks/${created.body.id}`,
      { version: created.body.version, dueAt: "2026-11-27T07:00:00Z" },
      inLanguage("en"),
    );
    expect(moved.status).toBe(400);
    expect(details(moved.body)).toEqual([{ path: "remindAt", message: "must be before the due time" }]);
  });

  it("refuses a next follow-up not after the follow-up itself, in words, in English and Chinese", async () => {
    const customer = await admin.post<{ id: string }>("/api/v1/customers", { name: "Acme Trading" });
    const early = {
      customerId: customer.body.id,
      kind: "call",
      content: "Called",
      occurredAt: "2026-11-20T02:00:00Z",
      nextFollowUpAt: "2026-11-19T02:00:00Z",
    };
    for (const [language, message] of [
      ["en", "must be after the time of this follow-up"],
      ["zh-CN", "必须晚于本次跟进时间"],
    ]) {
      const res = await admin.post<ErrorBody>("/api/v1/follow-ups", early, inLanguage(language as string));
      expect(res.status).toBe(400);
      expect(details(res.body)).toEqual([{ path: "nextFollowUpAt", message }]);
    }
  });
});
