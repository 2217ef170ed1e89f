import { Command } from "commander";
import { registerAdminCommands } from "./cli/commands.ts";
import { startWorkers } from "./cluster.ts";
import { ConfigError, loadConfig } from "./platform/config.ts";
import { openConfiguredDatabase, startServer } from "./server.ts";

/** Rapport's command line: `npm run rapport -- <command>`. */
const program = new Command("rapport").description("Rapport CRM").showHelpAfterError();

program
  .command("start")
  .description("start the web app and API (embedded database in RAPPORT_DATA_DIR, or DATABASE_URL)")
  .action(async () => {
    const config = loadConfig();
    if (config.workers > 1) startWorkers(config);
    else await startServer(config);
  });

program
  .command("migrate")
  .description("apply pending database migrations and exit")
  .action(async () => {
    const handle = await openConfiguredDatabase(loadConfig());
    await handle.close();
    console.log("Database is up to date.");
  });

registerAdminCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
