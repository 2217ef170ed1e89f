import { getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

export type CustomObjectTable = PgTable & {
  id: PgColumn;
  organizationId: PgColumn;
  deletedAt: PgColumn;
  custom: PgColumn;
};

export type CustomObject = {
  objectType: string;
  table: CustomObjectTable;
  tableName: string;
  /** The OpenAPI component of its `custom` values, e.g. CustomerCustomValues. */
  schemaId: string;
};

const objects = new Map<string, CustomObject>();

export const customValuesSchemaId = (objectType: string) =>
  `${objectType.charAt(0).toUpperCase()}${objectType.slice(1)}CustomValues`;

/** Object types that took custom fields (defineResource's `customFields`), by type. */
export function registerCustomObject(objectType: string, table: CustomObjectTable): CustomObject {
  const object = { objectType, table, tableName: getTableName(table), schemaId: customValuesSchemaId(objectType) };
  objects.set(objectType, object);
  return object;
}

export const customObjects = (): ReadonlyMap<string, CustomObject> => objects;
