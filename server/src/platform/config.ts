import path from "node:path";
import { z } from "zod";

/** Runtime configuration, read from the environment once at start. A bad value stops start-up. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  RAPPORT_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  RAPPORT_ADMIN_EMAIL: z.email().optional(),
  RAPPORT_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  RAPPORT_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Behind a TLS-terminating proxy, cookies must be Secure. */
  RAPPORT_SECURE_COOKIES: z.enum(["true", "false"]).default("false"),
  /** Server processes sharing the port (PostgreSQL only): one Node process uses one core. */
  RAPPORT_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  secureCookies: boolean;
  workers: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are "not set", as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  if (Boolean(e.RAPPORT_ADMIN_EMAIL) !== Boolean(e.RAPPORT_ADMIN_PASSWORD)) {
    throw new ConfigError(
      "Invalid configuration:\n  RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD must be set together",
    );
  }
  if (e.RAPPORT_WORKERS > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      "Invalid configuration:\n  RAPPORT_WORKERS: more than one needs DATABASE_URL (the embedded database is one process's)",
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.RAPPORT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminEmail: e.RAPPORT_ADMIN_EMAIL,
    adminPassword: e.RAPPORT_ADMIN_PASSWORD,
    logLevel: e.RAPPORT_LOG_LEVEL,
    secureCookies: e.RAPPORT_SECURE_COOKIES === "true",
    workers: e.RAPPORT_WORKERS,
  };
}
