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
  /** The list endpoints that filter by its fields (`custom.<key>` parameters), for the OpenAPI document. */
  listPaths: string[];
};

const objects = new Map<string, CustomObject>();

export const customValuesSchemaId = (objectType: string) =>
  `${objectType.charAt(0).toUpperCase()}${objectType.slice(1)}CustomValues`;

/** Object types that took custom fields (defineResource's `customFields`), by type. */
export function registerCustomObject(objectType: string, table: CustomObjectTable): CustomObject {
  const object = {
    objectType,
    table,
    tableName: getTableName(table),
    schemaId: customValuesSchemaId(objectType),
    listPaths: objects.get(objectType)?.listPaths ?? [],
  };
  objects.set(objectType, object);
  return object;
}

/** Records that a list endpoint filters by the object's custom fields. */
export function registerCustomListPath(objectType: string, path: string): void {
  const object = objects.get(objectType);
  if (object && !object.listPaths.includes(path)) object.listPaths.push(path);
}

export const customObjects = (): ReadonlyMap<string, CustomObject> => objects;
