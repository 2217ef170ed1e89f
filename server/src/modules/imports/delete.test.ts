import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { runDueJobs, uploadImport } from "./test-support.ts";

type Upload = { batch: { id: string } };
type History = { data: { id: string; status: string }[] };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

describe("removing an import from the history", () => {
  it("removes a file that was checked and never imported, and keeps one that ran", async () => {
    const left = await uploadImport<Upload>(ctx, admin, "Name\nLeft Behind Co\n", "objectType=customer");
    await admin.post(`/api/v1/imports/${left.body.batch.id}/dry-run`, { mapping: { "0": "name" } });
    const ran = await uploadImport<Upload>(ctx, admin, "Name\nImported Co\n", "objectType=customer");
    await admin.post(`/api/v1/imports/${ran.body.batch.id}/run`, { mapping: { "0": "name" } });
    await runDueJobs(ctx);

    expect((await admin.request("DELETE", `/api/v1/imports/${left.body.batch.id}`)).status).toBe(204);
    const refused = await admin.request<{ error: { message: string } }>(
      "DELETE",
      `/api/v1/imports/${ran.body.batch.id}`,
      undefined,
      { "accept-language": "zh-CN" },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("只能删除从未运行的导入（该导入的状态：已导入）");

    const history = (await admin.get<History>("/api/v1/imports")).body.data.map((b) => b.id);
    expect(history).toEqual([ran.body.batch.id]);
    expect((await admin.request("DELETE", `/api/v1/imports/${left.body.batch.id}`)).status).toBe(404);
  });
});
