import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import { errorResponses } from "../../platform/http.ts";
import { requiredLineText } from "../../platform/text.ts";
import { sessionSchema } from "../auth/schema.ts";
import { type SessionOptions, startSession } from "../auth/service.ts";
import { loadDemoData } from "../demo/service.ts";
import { locales, passwordSchema } from "../users/schema.ts";
import { anyUserExists, createOrganization, lockSetup } from "./service.ts";

const currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY");
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

export const setupSchema = z
  .strictObject({
    organizationName: requiredLineText(200),
    locale: z.enum(locales),
    baseCurrency: currency,
    timeZone,
    adminName: requiredLineText(100),
    adminEmail: z.email().max(254),
    adminPassword: passwordSchema,
    loadDemoData: z.boolean().default(false),
  })
  .meta({ id: "Setup" });

export function setupRoutes(app: FastifyInstance, db: Database, opts: SessionOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Setup"];
  r.get("/api/v1/setup", {
    config: { public: true },
    schema: { tags, response: { 200: z.object({ needed: z.boolean() }) } },
    handler: async () => ({ needed: !(await db.transaction((tx) => anyUserExists(tx))) }),
  });

  r.post("/api/v1/setup", {
    config: { public: true },
    schema: { tags, body: setupSchema, response: { 201: sessionSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const b = req.body;
      const { admin } = await db.transaction(async (tx) => {
        await lockSetup(tx);
        if (await anyUserExists(tx)) throw new AppError("already_set_up", "Rapport is already set up; sign in instead");
        const created = await createOrganization(tx, {
          name: b.organizationName,
          locale: b.locale,
          baseCurrency: b.baseCurrency,
          timeZone: b.timeZone,
          admin: { name: b.adminName, email: b.adminEmail, password: b.adminPassword },
        });
        if (b.loadDemoData) await loadDemoData(tx, created);
        return created;
      });
      reply.status(201);
      return startSession(db, reply, admin.id, opts);
    },
  });
}
