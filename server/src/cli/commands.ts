import readline from "node:readline/promises";
import { type Command, Option } from "commander";
import { DEMO_MAIL_DOMAIN } from "../modules/demo/people.ts";
import { createApiKeyCommand } from "./api-keys.ts";
import { backupCommand, restoreCommand } from "./backup-commands.ts";
import { demoCommand } from "./demo.ts";
import { createOrganizationCommand, type OrganizationCreateOptions } from "./organization-command.ts";
import { locales, withDatabase } from "./support.ts";
import { createUserCommand, resetPasswordCommand, type UserCreateOptions } from "./users.ts";

const localeOption = (description: string) => new Option("--locale <locale>", description).choices(locales);
const currencyOption = () => new Option("--currency <code>", "base currency (default CNY for zh-CN, USD for en)");
const timeZoneOption = () => new Option("--time-zone <zone>", "IANA time zone (default Asia/Shanghai for zh-CN)");

const say = (line: string) => console.log(line);
const showSecret = (label: string, secret: string) => say(`${label} (shown only now, keep it safe): ${secret}`);

/** Admin commands: user, api-key, org, demo, backup, restore. Each opens the configured database and closes it. */
export function registerAdminCommands(program: Command): void {
  registerUserCommands(program);

  program
    .command("api-key")
    .description("API keys for integrations")
    .command("create")
    .description("create an API key acting as a user (with that user's rights)")
    .requiredOption("--email <email>", "the user the key acts as")
    .requiredOption("--name <name>", "what the key is for, e.g. ERP sync")
    .action(async (options: { email: string; name: string }) => {
      const created = await withDatabase((handle) => createApiKeyCommand(handle, options));
      say(`Created an API key for ${created.email}. Send it as: Authorization: Bearer <key>`);
      showSecret("API key", created.key);
    });

  program
    .command("org")
    .description("organizations on this install")
    .command("create")
    .description("create a further organization with its first administrator")
    .requiredOption("--name <name>", "organization name")
    .requiredOption("--admin-email <email>", "its first administrator")
    .option("--admin-name <name>", "administrator's name (default: the part of the email before @)")
    .option("--admin-password <password>", "administrator's password (default: generate one)")
    .addOption(localeOption("language of the organization").default("zh-CN"))
    .addOption(currencyOption())
    .addOption(timeZoneOption())
    .action(async (options: OrganizationCreateOptions) => {
      const created = await withDatabase((handle) => createOrganizationCommand(handle, options));
      say(`Created the organization "${created.organization.name}" (${created.organization.id}).`);
      say(`Its administrator signs in as ${created.adminEmail}.`);
      if (created.generatedPassword) showSecret("Password", created.generatedPassword);
    });

  program
    .command("demo")
    .description("fill an organization with demo data (on an empty install: create 示例公司 Demo Co.)")
    .option("--org <id or name>", "the organization to fill")
    .addOption(localeOption("language of the demo (default: the organization's)"))
    .action(async (options: { org?: string; locale?: "zh-CN" | "en" }) => {
      const result = await withDatabase((handle) => demoCommand(handle, options));
      const verb = result.organization.created ? "Created and filled" : "Filled";
      say(`${verb} "${result.organization.name}" (${result.organization.id}) with demo data.`);
      say(`Sign in as ${result.adminEmail}; the demo staff (e.g. wang.fang@${DEMO_MAIL_DOMAIN}) share its password.`);
      if (result.generatedPassword) showSecret("Password", result.generatedPassword);
    });

  program
    .command("backup")
    .description("write the whole database into one file")
    .argument("<file>", "where to write, e.g. rapport-2026-05-01.rapport.gz")
    .action(async (file: string) => {
      const summary = await withDatabase((handle) => backupCommand(handle, file));
      const megabytes = (summary.bytes / 1_048_576).toFixed(1);
      say(`Wrote ${summary.rows} rows of ${summary.tables} tables to ${summary.file} (${megabytes} MB).`);
    });

  program
    .command("restore")
    .description("replace all data with a backup's (the file is checked first; stop Rapport before)")
    .argument("<file>", "a file written by `backup`")
    .option("--yes", "do not ask for confirmation")
    .action(async (file: string, options: { yes?: boolean }) => {
      const summary = await withDatabase((handle) =>
        restoreCommand(handle, file, { ...options, confirm: askOperator() }),
      );
      if (!summary) return say("Nothing was changed.");
      say(`Restored ${summary.rows} rows of ${summary.tables} tables from the backup of ${summary.backupCreatedAt}.`);
    });
}

function registerUserCommands(program: Command): void {
  const user = program.command("user").description("users and their passwords");
  user
    .command("create")
    .description("create a user; on an empty install, --admin also creates the first organization")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--name <name>", "display name")
    .option("--password <password>", "password (default: generate one and print it)")
    .option("--admin", "make the user an administrator")
    .option("--org <id or name>", "the organization (needed when there are several; names the first one)")
    .addOption(localeOption("the user's language (and the first organization's; default: the organization's)"))
    .addOption(currencyOption())
    .addOption(timeZoneOption())
    .action(async (options: UserCreateOptions) => {
      const created = await withDatabase((handle) => createUserCommand(handle, options));
      const org = created.organization;
      if (org.created) say(`Created the organization "${org.name}" (${org.id}).`);
      say(`Created ${created.email} in "${org.name}".`);
      if (created.generatedPassword) showSecret("Password", created.generatedPassword);
    });
  user
    .command("reset-password")
    .description("set a new password and end the user's sessions")
    .requiredOption("--email <email>", "the user's email")
    .option("--password <password>", "the new password (default: generate one and print it)")
    .action(async (options: { email: string; password?: string }) => {
      const reset = await withDatabase((handle) => resetPasswordCommand(handle, options));
      say(`Set a new password for ${reset.email}; ended ${reset.sessionsEnded} session(s).`);
      if (reset.generatedPassword) showSecret("Password", reset.generatedPassword);
    });
}

/** A yes/no question on the terminal; undefined when no one is at one (then --yes is required). */
function askOperator(): ((question: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  };
}
