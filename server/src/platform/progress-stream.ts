import { PassThrough } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { knownError } from "./error-handler.ts";
import { AppError } from "./errors.ts";
import { requestLocale } from "./i18n/locale.ts";

export const NDJSON = "application/x-ndjson";

/** At most one progress line per interval (plus the first and the last): ~10 lines a second. */
const PROGRESS_INTERVAL_MS = 100;

/** Told after each unit of work: how many are done out of how many. Await it: it may yield. */
export type OnProgress = (done: number, total: number) => void | Promise<void>;

/** The caller opted in to progress with `Accept: application/x-ndjson`; everyone else gets plain JSON. */
export function wantsProgress(req: FastifyRequest): boolean {
  return (req.headers.accept ?? "").toLowerCase().includes(NDJSON);
}

function errorLine(error: unknown, req: FastifyRequest) {
  const known = knownError(error);
  if (!known) req.log.error({ err: error }, "unhandled error");
  const e = known ?? new AppError("internal_error", "Something went wrong on our side");
  return { type: "error", status: e.status, ...e.toBody(requestLocale(req)) };
}

/**
 * Answers long work as newline-delimited JSON: `{"type":"progress","done":n,"total":N}` lines while it
 * runs, then one `{"type":"result",...body}` or `{"type":"error","status":...,"error":{...}}` line.
 * The stream (status 200) opens only at the first progress report, so whatever fails before any unit
 * is done (validation, 413, a 403 on the first record) is still an ordinary HTTP error. The result
 * line is written after `work` resolves, i.e. after its transaction committed.
 */
export async function replyWithProgress<T extends object>(
  req: FastifyRequest,
  reply: FastifyReply,
  work: (onProgress: OnProgress) => Promise<T>,
): Promise<FastifyReply> {
  const stream = new PassThrough();
  // A caller that went away does not stop the work (like a plain request); its lines are dropped.
  const write = (line: object) => {
    if (!stream.writableEnded && !stream.destroyed) stream.write(`${JSON.stringify(line)}\n`);
  };
  let opened = false;
  let open = () => {};
  const firstLine = new Promise<undefined>((resolve) => {
    open = () => resolve(undefined);
  });
  let last = 0;
  const onProgress: OnProgress = (done, total) => {
    const now = Date.now();
    if (opened && done < total && now - last < PROGRESS_INTERVAL_MS) return;
    opened = true;
    last = now;
    write({ type: "progress", done, total });
    open();
    // Embedded PGlite answers in microtasks and never lets the event loop reach the socket: a turn
    // of the loop per line sends it now instead of with the result (~10 turns a second).
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
  const outcome = work(onProgress);
  // A failure before the first progress line rejects here, and the error handler answers it as usual.
  await Promise.race([firstLine, outcome]);
  outcome
    .then(
      (body) => write({ type: "result", ...body }),
      (error: unknown) => write(errorLine(error, req)),
    )
    .finally(() => stream.end());
  return reply.type(NDJSON).header("cache-control", "no-store").send(stream);
}
