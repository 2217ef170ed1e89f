import { buildApp } from "./app.ts";
import { anyUserExists, createOrganization, lockSetup } from "./modules/organizations/service.ts";
import type { Config } from "./platform/config.ts";
import { scheduleStaleIndexes } from "./platform/custom-fields/indexes.ts";
import { type DatabaseHandle, openDatabase } from "./platform/db/client.ts";
import { migrateDatabase } from "./platform/db/migrate.ts";
import { createJobRunner } from "./platform/jobs/runner.ts";

/** Opens and migrates the configured database: embedded in the data directory, or DATABASE_URL. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase(config);
  await migrateDatabase(handle);
  return handle;
}

/** With RAPPORT_ADMIN_EMAIL/PASSWORD and no user yet, creates the first organization and its admin. */
async function bootstrapAdmin(handle: DatabaseHandle, config: Config): Promise<boolean> {
  const { adminEmail, adminPassword } = config;
  if (!adminEmail || !adminPassword) return false;
  return handle.db.transaction(async (tx) => {
    await lockSetup(tx);
    if (await anyUserExists(tx)) return false;
    await createOrganization(tx, {
      name: process.env.RAPPORT_ORG_NAME || "Rapport",
      locale: "zh-CN",
      baseCurrency: "CNY",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      admin: { name: adminEmail.split("@")[0] ?? "admin", email: adminEmail, password: adminPassword },
    });
    return true;
  });
}

export async function startServer(config: Config) {
  const started = Date.now();
  const handle = await openConfiguredDatabase(config);
  const created = await bootstrapAdmin(handle, config);
  // Custom field indexes on an expression the queries no longer use are built again by the job runner.
  await scheduleStaleIndexes(handle.db);
  const app = await buildApp({
    db: handle.db,
    secureCookies: config.secureCookies,
    serveWeb: true,
    logger: { level: config.logLevel },
  });
  if (created) app.log.info(`created the first administrator ${config.adminEmail}`);
  await app.listen({ port: config.port, host: config.host });
  // Reminders and other background jobs; every node runs one, a job runs on one of them.
  const jobRunner = createJobRunner(handle.db, {
    onError: (error, job) => app.log.error({ err: error, job }, "job failed"),
  });
  jobRunner.start();
  const where = handle.kind === "embedded" ? `embedded database in ${config.dataDir}` : "PostgreSQL";
  app.log.info(`Rapport is ready at http://${config.host}:${config.port} (${where}) in ${Date.now() - started} ms`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await jobRunner.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return { app, handle };
}
