// Shapes every record type (customers, contacts, and later deals, tickets…) shares, read out of
// the generated `paths`: a record type is a `/api/v1/<resource>` collection with `/{id}`,
// `/{id}/restore` and `/{id}/audit` under it.
import type { components } from "../api/schema";
import type { ApiPath, QueryOf, RequestOf, ResponseOf } from "../api/types";

/** The resources the server serves with the full set of record routes. */
export type RecordResource = {
  [P in ApiPath]: P extends `/api/v1/${infer R}/{id}/restore`
    ? `/api/v1/${R}` extends ApiPath
      ? `/api/v1/${R}/{id}` extends ApiPath
        ? `/api/v1/${R}/{id}/audit` extends ApiPath
          ? R
          : never
        : never
      : never
    : never;
}[ApiPath];

/** One change in the audit log, the same for every record type. */
export type AuditEntry = components["schemas"]["AuditEntry"];

/** A page of the audit log. */
export interface AuditPage {
  data: AuditEntry[];
  nextCursor: string | null;
}

/** What the shared record pieces need to know about one record type. */
export interface RecordTypes {
  record: { id: string };
  listQuery: { cursor?: string; limit?: number };
  page: { data: unknown[]; nextCursor: string | null };
  createInput: unknown;
  updateInput: unknown;
  auditPage: AuditPage;
}

/** The record types of `/api/v1/<resource>`, e.g. `RecordTypesOf<"contacts">`. */
export interface RecordTypesOf<R extends RecordResource> {
  record: ResponseOf<`/api/v1/${R}/{id}`, "get">;
  listQuery: QueryOf<`/api/v1/${R}`, "get">;
  page: ResponseOf<`/api/v1/${R}`, "get">;
  createInput: RequestOf<`/api/v1/${R}`, "post">;
  updateInput: RequestOf<`/api/v1/${R}/{id}`, "patch">;
  auditPage: ResponseOf<`/api/v1/${R}/{id}/audit`, "get">;
}
