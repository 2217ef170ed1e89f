// The part of autocannon 9 the bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    type Request = {
      method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    };
    type Options = {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      headers?: Record<string, string>;
      requests?: Request[];
    };
    type Result = { errors: number; timeouts: number; non2xx: number; duration: number };
    interface Instance extends EventEmitter {
      on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): this;
      stop(): void;
    }
  }
  function autocannon(
    options: autocannon.Options,
    done: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;
  export = autocannon;
}
