// Helpers that read request and response shapes out of the generated `paths`,
// so feature code never restates a type the server already declares.
import type { paths } from "./schema";

type JsonContent<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type SuccessOf<R> = R extends { 200: infer X } ? X : R extends { 201: infer X } ? X : never;

export type ApiPath = keyof paths;

/** JSON body of the 200/201 answer of `method` on `path`. */
export type ResponseOf<P extends ApiPath, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonContent<SuccessOf<R>>
  : never;

/** JSON request body of `method` on `path`. */
export type RequestOf<P extends ApiPath, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonContent<NonNullable<B>>
  : never;

/** Query parameters of `method` on `path`. */
export type QueryOf<P extends ApiPath, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;
