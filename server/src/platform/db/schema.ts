// Every table, for Drizzle's typed queries and drizzle-kit's migrations.
// A new module adds its table file here: one line.
export * from "../../modules/auth/table.ts";
export * from "../../modules/contacts/table.ts";
export * from "../../modules/customers/table.ts";
export * from "../../modules/departments/table.ts";
export * from "../../modules/duplicates/table.ts";
export * from "../../modules/follow-ups/table.ts";
export * from "../../modules/imports/table.ts";
export * from "../../modules/notifications/table.ts";
export * from "../../modules/option-lists/table.ts";
export * from "../../modules/organizations/table.ts";
export * from "../../modules/pool/table.ts";
export * from "../../modules/roles/table.ts";
export * from "../../modules/saved-views/table.ts";
export * from "../../modules/sharing/table.ts";
export * from "../../modules/tasks/table.ts";
export * from "../../modules/users/table.ts";
export * from "../custom-fields/table.ts";
export * from "../jobs/table.ts";
export * from "./platform.table.ts";
