import type { ApiClient, TestContext } from "../../../test/harness.ts";
import { createJobRunner } from "../../platform/jobs/runner.ts";

/** Uploads raw file bytes the way the web app does; `query` names the object type and options. */
export async function uploadImport<Body>(ctx: TestContext, client: ApiClient, file: Buffer | string, query: string) {
  const res = await ctx.app.inject({
    method: "POST",
    url: `/api/v1/imports?${query}`,
    headers: {
      "content-type": "application/octet-stream",
      ...(client.auth.cookie ? { cookie: client.auth.cookie } : {}),
      ...(client.auth.csrfToken ? { "x-csrf-token": client.auth.csrfToken } : {}),
    },
    payload: typeof file === "string" ? Buffer.from(file) : file,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as Body };
}

/** Runs the jobs that are due (an import started with /run), as the background runner would. */
export const runDueJobs = (ctx: TestContext) =>
  createJobRunner(ctx.handle.db, { onError: (e) => console.error(e) }).runDueJobs();

/** Undoes an import as the web does: starts the undo (202), lets the job run, answers the batch then. */
export async function undoImport(ctx: TestContext, client: ApiClient, id: string, force = false) {
  const started = await client.post<{ status: string }>(`/api/v1/imports/${id}/undo${force ? "?force=true" : ""}`);
  if (started.status !== 202) throw new Error(`undo answered ${started.status}: ${JSON.stringify(started.body)}`);
  await runDueJobs(ctx);
  return (
    await client.get<{
      status: string;
      undoneRows: number;
      revertedCount: number;
      keptCount: number;
      goneCount: number;
    }>(`/api/v1/imports/${id}`)
  ).body;
}
