import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions, LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { registerModules } from "./modules/index.ts";
import { authPlugin } from "./platform/auth/plugin.ts";
import { organizationOpenApi } from "./platform/custom-fields/openapi.ts";
import { type Database, ping } from "./platform/db/client.ts";
import { registerErrorHandler } from "./platform/error-handler.ts";
import { registerInputChecks } from "./platform/http.ts";
import { optionalBodies } from "./platform/optional-body.ts";
import { registerWebApp } from "./web-app.ts";

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");
export const BODY_LIMIT = 1024 * 1024;

export type AppOptions = {
  db: Database;
  secureCookies?: boolean;
  logger?: FastifyServerOptions["logger"];
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** The built web app's folder (web/dist); tests serve one of their own. */
  webRoot?: string;
  /** Check every response against its schema (tests); production trusts the typed handlers. */
  validateResponses?: boolean;
};

// Handlers are typed by the response schemas already; re-validating 50 records per list costs
// about a millisecond a request, so production serializes directly.
const plainSerializer = () => (data: unknown) => JSON.stringify(data);

export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? false,
    // One line per request drowns the useful lines; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(opts.validateResponses ? serializerCompiler : plainSerializer);
  registerErrorHandler(app);
  registerInputChecks(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time; the API reference page uses inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { db: opts.db });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Rapport API", version: "1.0.0", description: "The Rapport CRM REST API." },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "An API key: Authorization: Bearer rk_…" },
          session: { type: "apiKey", in: "cookie", name: "rapport_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // A body that may be left out is documented as optional (platform/optional-body.ts).
    transformObject: (input) => optionalBodies(jsonSchemaTransformObject(input)),
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  // A signed-in caller also sees their organization's custom fields, typed (platform/custom-fields).
  app.get("/api/openapi.json", { schema: { hide: true } }, (req) => organizationOpenApi(opts.db, req, app.swagger()));
  app.get("/healthz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping(opts.db);
      return { status: "ok" };
    } catch {
      return reply.status(503).send({ status: "unavailable" });
    }
  });

  registerModules(app, opts.db, { secureCookies: opts.secureCookies ?? false });

  const webRoot = opts.webRoot ?? webDist;
  if (opts.serveWeb && fs.existsSync(path.join(webRoot, "index.html"))) await registerWebApp(app, webRoot);
  return app;
}
