/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API server listens on 3000 during development; the SPA is served by Vite.
const apiServer = process.env.RAPPORT_API_URL ?? "http://localhost:3000";
const webRoot = import.meta.dirname;

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: `${webRoot}/dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiServer, changeOrigin: false },
      "/healthz": { target: apiServer, changeOrigin: false },
    },
  },
  test: {
    root: webRoot,
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
