import { api } from "../../lib/api/client";
import { unwrap, unwrapEmpty } from "../../lib/api/errors";
import {
  createRecordApi,
  recordDetailOptions,
  useCreateRecord,
  useDeleteRecord,
  useRecord,
  useRecordList,
  useRestoreRecord,
  useUpdateRecord,
} from "../../lib/records/createRecordApi";
import type { RecordTypesOf } from "../../lib/records/types";
import { countQueryOf, useListCount } from "../../lib/records/useListCount";
import { timelineKeys } from "../timeline/api";

type CustomerTypes = RecordTypesOf<"customers">;
export type Customer = CustomerTypes["record"];
export type CustomerListQuery = CustomerTypes["listQuery"];
export type CustomerCreateInput = CustomerTypes["createInput"];
export type CustomerUpdateInput = CustomerTypes["updateInput"];
export type CustomerPage = CustomerTypes["page"];
export type { AuditEntry } from "../../lib/records/types";

export const customerApi = createRecordApi<CustomerTypes, "customers">(
  "customers",
  {
    list: (query, signal) => unwrap(api.GET("/api/v1/customers", { params: { query }, signal })),
    get: (id, signal) => unwrap(api.GET("/api/v1/customers/{id}", { params: { path: { id } }, signal })),
    create: (body) => unwrap(api.POST("/api/v1/customers", { body })),
    update: (id, body) => unwrap(api.PATCH("/api/v1/customers/{id}", { params: { path: { id } }, body })),
    remove: (id, purge) =>
      unwrapEmpty(
        api.DELETE("/api/v1/customers/{id}", {
          params: { path: { id }, query: purge ? { purge: "true" } : undefined },
        }),
      ),
    restore: (id) => unwrap(api.POST("/api/v1/customers/{id}/restore", { params: { path: { id } } })),
    audit: (id, query, signal) =>
      unwrap(api.GET("/api/v1/customers/{id}/audit", { params: { path: { id }, query }, signal })),
  },
  {
    // An edit is a "change" entry on the customer's timeline too.
    invalidateAfterUpdate: (keys, record) => [keys.lists(), keys.audit(record.id), timelineKeys.customer(record.id)],
    // So are moving it to the trash and restoring it.
    invalidateAfterTrash: (keys, id) => [keys.all, timelineKeys.customer(id)],
  },
);

export const customerKeys = customerApi.keys;
export const customerQueryOptions = (id: string) => recordDetailOptions(customerApi, id);
export const useCustomerList = (query: CustomerListQuery, options: { enabled?: boolean } = {}) =>
  useRecordList(customerApi, query, options);
/** How many customers the list shows with this query's search and filters (its sort and page aside). */
export const useCustomerCount = (query: CustomerListQuery, options: { enabled?: boolean } = {}) =>
  useListCount(
    customerKeys.lists(),
    countQueryOf(query),
    (countQuery, signal) => unwrap(api.GET("/api/v1/customers/count", { params: { query: countQuery }, signal })),
    options,
  );
export const useCustomer = (id: string) => useRecord(customerApi, id);
export const useCreateCustomer = () => useCreateRecord(customerApi);
export const useUpdateCustomer = () => useUpdateRecord(customerApi);
/** Moves to the trash, or with `purge` deletes for good (only from the trash). */
export const useDeleteCustomer = () => useDeleteRecord(customerApi);
export const useRestoreCustomer = () => useRestoreRecord(customerApi);
