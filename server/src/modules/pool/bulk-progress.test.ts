import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { addPerson } from "./test-support.ts";

type Customer = { id: string; tags: string[]; ownerId: string | null };
type ErrorBody = { code: string; message: string; details: { path: string; message: string }[] };
type Line =
  | { type: "progress"; done: number; total: number }
  | { type: "result"; count: number }
  | { type: "error"; status: number; error: ErrorBody };

let ctx: TestContext;
let admin: ApiClient;
let manager: { id: string; client: ApiClient };
let rep: { id: string; client: ApiClient };
let outsider: { id: string; client: ApiClient };

const NDJSON = "application/x-ndjson";

function headersOf(client: ApiClient, extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: NDJSON,
    "content-type": "application/json",
    cookie: client.auth.cookie ?? "",
    "x-csrf-token": client.auth.csrfToken ?? "",
    ...extra,
  };
}

/** A bulk request that asks for progress, as the web app sends it; answers its status and lines. */
async function streamed(client: ApiClient, url: string, body: unknown, extra: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: "POST", url, headers: headersOf(client, extra), payload: body as object });
  const type = String(res.headers["content-type"] ?? "");
  const lines = type.startsWith(NDJSON)
    ? res.body
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line)
    : [];
  return { status: res.statusCode, type, lines, json: type.startsWith("application/json") ? res.json() : null };
}

async function customers(prefix: string, n: number, ownerId: string): Promise<Customer[]> {
  const made: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const res = await admin.post<Customer>("/api/v1/customers", { name: `${prefix} ${i}`, ownerId });
    expect(res.status).toBe(201);
    made.push(res.body);
  }
  return made;
}

const get = (id: string) => admin.get<Customer>(`/api/v1/customers/${id}`).then((r) => r.body);

/** Progress lines count up to the total, one request's worth, and the stream ends with one final line. */
function expectProgress(lines: Line[], total: number) {
  const progress = lines.filter((l) => l.type === "progress");
  expect(progress.length).toBeGreaterThan(0);
  expect(progress[0]?.done).toBe(1);
  for (const [i, line] of progress.entries()) {
    expect(line.total).toBe(total);
    if (i > 0) expect(line.done).toBeGreaterThan(progress[i - 1]?.done ?? 0);
  }
  expect(lines.slice(0, -1).every((l) => l.type === "progress")).toBe(true);
  return progress;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
  manager = await addPerson(ctx, admin, "manager", "Sales manager");
  rep = await addPerson(ctx, admin, "rep", "Sales rep", manager.id);
  outsider = await addPerson(ctx, admin, "outsider", "Sales rep");
});
afterAll(() => ctx.close());

describe("bulk actions with progress (Accept: application/x-ndjson)", () => {
  it("streams progress up to the total, then the result, and changes every record", async () => {
    const list = await customers("Streamed", 25, rep.id);
    const res = await streamed(manager.client, "/api/v1/customers/bulk", {
      action: "addTag",
      ids: list.map((c) => c.id),
      tag: "vip",
    });
    expect(res.status).toBe(200);
    expect(res.type).toContain(NDJSON);
    const progress = expectProgress(res.lines, 25);
    expect(progress.at(-1)?.done).toBe(25);
    expect(res.lines.at(-1)).toEqual({ type: "result", count: 25 });
    for (const c of list) expect((await get(c.id)).tags).toEqual(["vip"]);
  });

  it("ends with an error line when a record fails mid-way, and changes nothing", async () => {
    const mine = await customers("Half way", 6, rep.id);
    const [foreign] = await customers("Not theirs", 1, outsider.id);
    const res = await streamed(manager.client, "/api/v1/customers/bulk", {
      action: "transfer",
      ids: [...mine.map((c) => c.id), foreign?.id],
      ownerId: manager.id,
      reason: "Rep on leave",
    });
    expect(res.status).toBe(200);
    expectProgress(res.lines, 7);
    const last = res.lines.at(-1);
    expect(last).toMatchObject({ type: "error", status: 404, error: { code: "not_found" } });
    expect(last?.type === "error" && last.error.details[0]?.path).toBe("ids.6");
    for (const c of mine) expect((await get(c.id)).ownerId).toBe(rep.id);
    const audit = await admin.get<{ data: unknown[] }>(`/api/v1/customers/${mine[0]?.id}/audit`);
    expect(audit.body.data).toHaveLength(1); // only the create
  });

  it("answers what fails before the first record is done as an ordinary HTTP error", async () => {
    const [own] = await customers("Early", 1, rep.id);
    const [foreign] = await customers("Early foreign", 1, outsider.id);
    const noTag = await streamed(manager.client, "/api/v1/customers/bulk", { action: "addTag", ids: [own?.id] });
    expect(noTag.status).toBe(400);
    expect(noTag.json.error.details[0].path).toBe("tag");
    const unknownField = await streamed(manager.client, "/api/v1/customers/bulk", { action: "delete", colour: "red" });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error.details[0].path).toBe("colour");
    const refused = await streamed(rep.client, "/api/v1/customers/bulk", {
      action: "transfer",
      ids: [own?.id],
      ownerId: manager.id,
      reason: "x",
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("forbidden");
    const firstFails = await streamed(manager.client, "/api/v1/customers/bulk", {
      action: "release",
      ids: [foreign?.id, own?.id],
      reason: "x",
    });
    expect(firstFails.status).toBe(404);
    expect(firstFails.json.error.details[0].path).toBe("ids.0");
    expect((await get(own?.id ?? "")).ownerId).toBe(rep.id);
  });

  it("keeps the plain JSON answer for callers that do not ask, and replays an idempotent request", async () => {
    const list = await customers("Plain", 3, rep.id);
    const ids = list.map((c) => c.id);
    const plain = await manager.client.post<{ count: number }>("/api/v1/customers/bulk", {
      action: "addTag",
      ids,
      tag: "plain",
    });
    expect(plain.status).toBe(200);
    expect(String(plain.headers["content-type"])).toContain("application/json");
    expect(plain.body).toEqual({ count: 3 });
    const body = { action: "removeTag", ids, tag: "plain" };
    const key = { "idempotency-key": crypto.randomUUID() };
    const first = await streamed(manager.client, "/api/v1/customers/bulk", body, key);
    expect(first.lines.at(-1)).toEqual({ type: "result", count: 3 });
    // The replay does no work: no progress, the stored result.
    const again = await streamed(manager.client, "/api/v1/customers/bulk", body, key);
    expect(again.status).toBe(200);
    expect(again.lines).toEqual([{ type: "result", count: 3 }]);
    for (const id of ids) expect((await get(id)).tags).toEqual([]);
  });

  it("streams contact deletes too", async () => {
    const made: string[] = [];
    for (const name of ["Ann", "Bob", "Cy"]) {
      const res = await rep.client.post<{ id: string }>("/api/v1/contacts", { name: `${name} Streamed` });
      made.push(res.body.id);
    }
    const res = await streamed(manager.client, "/api/v1/contacts/bulk", { action: "delete", ids: made });
    expect(res.status).toBe(200);
    expectProgress(res.lines, 3);
    expect(res.lines.at(-1)).toEqual({ type: "result", count: 3 });
    for (const id of made) expect((await rep.client.get(`/api/v1/contacts/${id}`)).status).toBe(404);
  });

  it("sends progress over HTTP while the work runs, not all at the end", async () => {
    const list = await customers("Over the wire", 40, rep.id);
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = ctx.app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/customers/bulk`, {
      method: "POST",
      headers: headersOf(manager.client),
      body: JSON.stringify({ action: "addTag", ids: list.map((c) => c.id), tag: "wire" }),
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    // Each read is what had arrived by then: progress comes in several pieces before the result.
    const reads: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read())
      reads.push(decoder.decode(r.value, { stream: true }));
    const lines = reads
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    expectProgress(lines, 40);
    expect(lines.at(-1)).toEqual({ type: "result", count: 40 });
    expect(reads.filter((chunk) => chunk.includes('"progress"')).length).toBeGreaterThan(1);
    expect(reads.at(-1)).toContain('"result"');
    expect(reads[0]).not.toContain('"result"');
  });
});
