import { defineConfig } from "drizzle-kit";

// Migrations are generated as plain SQL and applied the same way to PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/src/platform/db/schema.ts",
  out: "./server/migrations",
});
