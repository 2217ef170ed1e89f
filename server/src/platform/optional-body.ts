/**
 * A route whose body may be left out (noBody, a restore's optional version) takes its zod schema
 * `.nullish()`: Fastify hands such a request's body to validation as null. @fastify/swagger marks
 * every body required, though, which would make clients send one: the document says instead that
 * the body is optional, and what it holds when given (the null branch is the "left out").
 */
type Operation = { requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> } };
type JsonSchema = { anyOf?: JsonSchema[]; type?: unknown; description?: string };

const isNull = (schema: JsonSchema) => schema.type === "null";

export function optionalBodies<Doc>(document: Doc): Doc {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const body = operation.requestBody;
      const media = body?.content?.["application/json"];
      const anyOf = media?.schema?.anyOf;
      if (!body || !media?.schema || !anyOf?.some(isNull)) continue;
      const given = anyOf.filter((schema) => !isNull(schema));
      if (given.length !== 1) continue;
      const { anyOf: _, ...rest } = media.schema;
      media.schema = { ...rest, ...given[0] };
      body.required = false;
    }
  }
  return document;
}
