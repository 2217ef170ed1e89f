import { toApiError } from "./errors";

/** How far long work on the server got: `done` of `total` units. */
export type Progress = { done: number; total: number };

/** Ask for progress with this Accept header; the server answers newline-delimited JSON. */
export const NDJSON = "application/x-ndjson";

type Line =
  | { type: "progress"; done: number; total: number }
  | ({ type: "result" } & Record<string, unknown>)
  | { type: "error"; status: number; error: unknown };

function* lines(text: string): Generator<Line> {
  for (const line of text.split("\n")) if (line.trim()) yield JSON.parse(line) as Line;
}

/**
 * Reads a successful answer to a request sent with `Accept: application/x-ndjson`
 * (server/src/platform/progress-stream.ts): progress lines as they arrive, then the result, or the
 * error line thrown as an ApiError. An answer in plain JSON is the result itself.
 */
export async function readProgress<T>(
  response: Response,
  body: ReadableStream<Uint8Array>,
  onProgress: (progress: Progress) => void,
): Promise<T> {
  if (!response.headers.get("content-type")?.startsWith(NDJSON)) return (await new Response(body).json()) as T;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    // A read may end in the middle of a line: keep the rest for the next one.
    const text = pending + decoder.decode(read.value, { stream: true });
    const end = text.lastIndexOf("\n") + 1;
    pending = text.slice(end);
    for (const line of lines(text.slice(0, end))) {
      if (line.type === "progress") onProgress({ done: line.done, total: line.total });
      else if (line.type === "error") throw toApiError(line, { status: line.status, statusText: "" });
      else if (line.type === "result") {
        await reader.cancel();
        const { type: _type, ...result } = line;
        return result as T;
      }
    }
  }
  // The connection ended before the outcome: a network error, whatever the server then did.
  throw new Error("The answer ended before its result");
}
