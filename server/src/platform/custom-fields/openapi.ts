import type { FastifyRequest } from "fastify";
import { actorFromApiKey, actorFromSession } from "../auth/actor.ts";
import { SESSION_COOKIE } from "../auth/plugin.ts";
import type { Database } from "../db/client.ts";
import { loadCustomFields } from "./index.ts";
import { orderedTypes, textTypes } from "./query.ts";
import { customObjects } from "./registry.ts";
import type { CustomFieldDefinition } from "./values.ts";

type JsonSchema = Record<string, unknown>;

function valueSchema(field: CustomFieldDefinition): JsonSchema {
  const options = field.options.filter((o) => !o.archived).map((o) => o.key);
  switch (field.type) {
    case "text":
      return { type: "string", maxLength: 500 };
    case "longText":
      return { type: "string", maxLength: 10_000 };
    case "url":
      return { type: "string", format: "uri" };
    case "email":
      return { type: "string", format: "email" };
    case "phone":
      return { type: "string", maxLength: 50 };
    case "number":
      return { type: "number" };
    case "money":
      return {
        type: "string",
        pattern: "^-?\\d{1,18}(\\.\\d{1,2})?$",
        description: `Amount${field.currency ? ` in ${field.currency}` : ""}, a decimal string`,
      };
    case "date":
      return { type: "string", format: "date" };
    case "dateTime":
      return { type: "string", format: "date-time" };
    case "checkbox":
      return { type: "boolean" };
    case "singleChoice":
      return { type: "string", enum: options };
    case "multiChoice":
      return { type: "array", items: { type: "string", enum: options }, uniqueItems: true };
    case "user":
      return { type: "string", format: "uuid", description: "A user of the organization" };
  }
}

/** The caller of a request outside /api/v1 (which the auth hook does not resolve), or null. */
async function callerOf(db: Database, request: FastifyRequest) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
  if (bearer) return actorFromApiKey(db, bearer);
  const token = request.cookies[SESSION_COOKIE];
  return token ? actorFromSession(db, token) : null;
}

/**
 * The OpenAPI document as a signed-in caller sees it: each object's `custom` values described by the
 * organization's own fields, typed, so API users and generated clients know them. Anonymous callers
 * get the static document.
 */
export async function organizationOpenApi(db: Database, request: FastifyRequest, doc: object): Promise<object> {
  const credential = await callerOf(db, request).catch(() => null);
  if (!credential) return doc;
  const typed = structuredClone(doc) as {
    components?: { schemas?: Record<string, JsonSchema> };
    paths?: Record<string, { get?: { parameters?: JsonSchema[] } }>;
  };
  const schemas = typed.components?.schemas ?? {};
  for (const object of customObjects().values()) {
    // Request bodies use the schema's input variant (…Input), responses the schema itself.
    const ids = [object.schemaId, `${object.schemaId}Input`].filter((id) => schemas[id]);
    if (ids.length === 0) continue;
    const fields = (await loadCustomFields(db, credential.actor.organizationId, object.objectType)).filter(
      (f) => f.state === "active",
    );
    const properties = Object.fromEntries(
      fields.map((f) => {
        const schema = valueSchema(f);
        const type = schema.type;
        const label = `${f.label.en} / ${f.label["zh-CN"]}${f.required ? " (required)" : ""}${f.unique ? " (unique)" : ""}`;
        const description = schema.description ? `${label}. ${schema.description}` : label;
        return [f.key, { ...schema, type: [type, "null"], description }];
      }),
    );
    for (const id of ids) {
      const { propertyNames: _, ...base } = schemas[id] ?? {};
      schemas[id] = { ...base, type: "object", properties, additionalProperties: false };
    }
    for (const path of object.listPaths) {
      const list = typed.paths?.[path]?.get;
      if (list) list.parameters = [...(list.parameters ?? []), ...fields.map(filterParameter)];
    }
  }
  return typed;
}

/** A list's filter by one field: `custom.<key>` equals; the other operators are named in its description. */
function filterParameter(field: CustomFieldDefinition): JsonSchema {
  const more = orderedTypes.has(field.type)
    ? "; also [ne], [gt], [gte], [lt], [lte], [in], [empty]"
    : textTypes.has(field.type)
      ? "; also [ne], [contains], [in], [empty]"
      : field.type === "multiChoice"
        ? " (holds one of a comma-separated list); also [in], [empty]"
        : "; also [ne], [in], [empty]";
  return {
    name: `custom.${field.key}`,
    in: "query",
    required: false,
    schema: { type: "string" },
    description: `${field.label.en} / ${field.label["zh-CN"]} equals${more}, as custom.${field.key}[op]=v`,
  };
}
