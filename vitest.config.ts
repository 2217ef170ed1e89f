import { defineConfig } from "vitest/config";

// Server tests run against a real database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "web/src/**/*.test.ts"],
    globalSetup: ["server/test/global-setup.ts"],
    pool: "forks",
    // One worker per core, not Vitest's cores − 1: each file waits on its own database most of the
    // time, so on 2 cores two workers finish the suite in about three quarters of the time.
    maxWorkers: "100%",
    // Each worker imports the server once, not once per file: the import took about 9 s a file, half
    // of the suite's time. The files share no module state that matters (no mocks, each its own database).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
