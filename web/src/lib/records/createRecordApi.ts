import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  type QueryKey,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { RecordTypes } from "./types";

const AUDIT_PAGE_SIZE = 20;

/**
 * The calls to the server for one record type, written per feature against the typed
 * `api` client (openapi-fetch cannot check a path built from a type parameter):
 *
 *   list: (query, signal) => unwrap(api.GET("/api/v1/deals", { params: { query }, signal })),
 */
export interface RecordEndpoints<T extends RecordTypes> {
  list: (query: T["listQuery"], signal: AbortSignal) => Promise<T["page"]>;
  get: (id: string, signal: AbortSignal) => Promise<T["record"]>;
  create: (body: T["createInput"]) => Promise<T["record"]>;
  update: (id: string, body: T["updateInput"]) => Promise<T["record"]>;
  /** Moves to the trash, or with `purge` deletes for good (only from the trash). */
  remove: (id: string, purge: boolean) => Promise<void>;
  restore: (id: string) => Promise<T["record"]>;
  audit: (
    id: string,
    page: { limit: number; cursor: string | undefined },
    signal: AbortSignal,
  ) => Promise<T["auditPage"]>;
}

/** TanStack Query keys of one record type: `[name]`, `[name, "list", query]`, `[name, "detail", id]`, `[name, "audit", id]`. */
export function createRecordKeys<Name extends string, Query>(name: Name) {
  const all = [name] as const;
  const lists = () => [...all, "list"] as const;
  const details = () => [...all, "detail"] as const;
  return {
    all,
    lists,
    list: (query: Query) => [...lists(), query] as const,
    details,
    detail: (id: string) => [...details(), id] as const,
    audit: (id: string) => [...all, "audit", id] as const,
  };
}

export type RecordKeys<Name extends string, Query> = ReturnType<typeof createRecordKeys<Name, Query>>;

export interface RecordApiOptions<Name extends string, T extends RecordTypes> {
  /** What to refresh after a create; by default the lists. */
  invalidateAfterCreate?: (keys: RecordKeys<Name, T["listQuery"]>, record: T["record"]) => QueryKey[];
  /** What to refresh after an update; by default the lists and the record's audit log. */
  invalidateAfterUpdate?: (keys: RecordKeys<Name, T["listQuery"]>, record: T["record"]) => QueryKey[];
  /** What to refresh after moving a record to the trash, restoring or purging it; by default the type's every query. */
  invalidateAfterTrash?: (keys: RecordKeys<Name, T["listQuery"]>, id: string) => QueryKey[];
}

/** One record type's endpoints and query keys; the hooks and query options below take it. */
export interface RecordApi<T extends RecordTypes, Name extends string = string> {
  name: Name;
  keys: RecordKeys<Name, T["listQuery"]>;
  endpoints: RecordEndpoints<T>;
  afterCreate: (record: T["record"]) => QueryKey[];
  afterUpdate: (record: T["record"]) => QueryKey[];
  afterTrash: (id: string) => QueryKey[];
}

/**
 * One record type (list, get, create, update, trash/purge, restore, audit log) under the query
 * keys `createRecordKeys(name)` makes. `T` is usually `RecordTypesOf<"<resource>">`; the feature
 * names the hooks: `export const useDeal = (id: string) => useRecord(dealApi, id)`.
 */
export function createRecordApi<T extends RecordTypes, Name extends string = string>(
  name: Name,
  endpoints: RecordEndpoints<T>,
  options: RecordApiOptions<Name, T> = {},
): RecordApi<T, Name> {
  const keys = createRecordKeys<Name, T["listQuery"]>(name);
  return {
    name,
    keys,
    endpoints,
    afterCreate: (record) => options.invalidateAfterCreate?.(keys, record) ?? [keys.lists()],
    afterUpdate: (record) => options.invalidateAfterUpdate?.(keys, record) ?? [keys.lists(), keys.audit(record.id)],
    afterTrash: (id) => options.invalidateAfterTrash?.(keys, id) ?? [keys.all],
  };
}

function invalidate(queryClient: QueryClient, queryKeys: QueryKey[]) {
  return Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function recordListOptions<T extends RecordTypes, Name extends string>(
  { keys, endpoints }: RecordApi<T, Name>,
  query: T["listQuery"],
  options: { enabled?: boolean } = {},
) {
  return queryOptions({
    queryKey: keys.list(query),
    queryFn: ({ signal }) => endpoints.list(query, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function recordDetailOptions<T extends RecordTypes, Name extends string>(
  { keys, endpoints }: RecordApi<T, Name>,
  id: string,
) {
  return queryOptions({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => endpoints.get(id, signal),
  });
}

export function recordAuditOptions<T extends RecordTypes, Name extends string>(
  { keys, endpoints }: RecordApi<T, Name>,
  id: string,
) {
  return infiniteQueryOptions({
    queryKey: keys.audit(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => endpoints.audit(id, { limit: AUDIT_PAGE_SIZE, cursor: pageParam }, signal),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useRecordList<T extends RecordTypes, Name extends string>(
  recordApi: RecordApi<T, Name>,
  query: T["listQuery"],
  options: { enabled?: boolean } = {},
) {
  return useQuery(recordListOptions(recordApi, query, options));
}

export function useRecord<T extends RecordTypes, Name extends string>(recordApi: RecordApi<T, Name>, id: string) {
  return useQuery(recordDetailOptions(recordApi, id));
}

export function useRecordAudit<T extends RecordTypes, Name extends string>(recordApi: RecordApi<T, Name>, id: string) {
  return useInfiniteQuery(recordAuditOptions(recordApi, id));
}

export function useCreateRecord<T extends RecordTypes, Name extends string>({
  keys,
  endpoints,
  afterCreate,
}: RecordApi<T, Name>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T["createInput"]) => endpoints.create(body),
    onSuccess: (record) => {
      queryClient.setQueryData(keys.detail(record.id), record);
      return invalidate(queryClient, afterCreate(record));
    },
  });
}

export function useUpdateRecord<T extends RecordTypes, Name extends string>({
  keys,
  endpoints,
  afterUpdate,
}: RecordApi<T, Name>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: T["updateInput"] }) => endpoints.update(id, body),
    onSuccess: (record) => {
      queryClient.setQueryData(keys.detail(record.id), record);
      return invalidate(queryClient, afterUpdate(record));
    },
  });
}

/** Moves to the trash, or with `purge` deletes for good (only from the trash). */
export function useDeleteRecord<T extends RecordTypes, Name extends string>({
  endpoints,
  afterTrash,
}: RecordApi<T, Name>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, purge = false }: { id: string; purge?: boolean }) => endpoints.remove(id, purge),
    onSuccess: (_, { id }) => invalidate(queryClient, afterTrash(id)),
  });
}

export function useRestoreRecord<T extends RecordTypes, Name extends string>({
  endpoints,
  afterTrash,
}: RecordApi<T, Name>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => endpoints.restore(id),
    onSuccess: (_, id) => invalidate(queryClient, afterTrash(id)),
  });
}
