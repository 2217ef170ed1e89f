import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/harness.ts";
import { buildApp } from "./app.ts";

// A web build of the test's own, so the test can rebuild it under the running server like a deploy does.
let root: string;
let app: FastifyInstance;
let handle: Awaited<ReturnType<typeof openTestDatabase>>;

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
const get = (url: string) => app.inject({ method: "GET", url });

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-web-"));
  write("index.html", '<!doctype html><script type="module" src="/assets/index-old.js"></script>');
  write("assets/index-old.js", "console.log('old build')");
  write("favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
  handle = await openTestDatabase();
  app = await buildApp({ db: handle.db, serveWeb: true, webRoot: root });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.drop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("serving the built web app", () => {
  it("answers a page path with index.html that the browser must revalidate", async () => {
    for (const url of ["/", "/customers/123", "/index.html", "/admin/custom-fields?tab=contact"]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toContain("/assets/index-old.js");
    }
  });

  it("serves hashed assets for good, and a missing one as a 404 without any HTML", async () => {
    const asset = await get("/assets/index-old.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toContain("immutable");

    for (const url of ["/assets/x.js", "/assets/chunks/missing.css", "/robots.txt"]) {
      const missing = await get(url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.headers["content-type"], url).not.toMatch(/html/);
      expect(missing.body, url).not.toContain("<!doctype html>");
    }
  });

  it("serves a build made after the server started, with its new index.html", async () => {
    write("assets/index-new.js", "console.log('new build')");
    write("index.html", '<!doctype html><script type="module" src="/assets/index-new.js"></script>');
    fs.rmSync(path.join(root, "assets/index-old.js"));

    const page = await get("/customers");
    expect(page.body).toContain("/assets/index-new.js");
    const asset = await get("/assets/index-new.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe("console.log('new build')");
    // The old build's file is gone: a tab still running it learns so from a 404 and offers a reload.
    expect((await get("/assets/index-old.js")).statusCode).toBe(404);
  });

  it("serves the build's top-level files and leaves the API's unknown paths to the API", async () => {
    const icon = await get("/favicon.svg");
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["content-type"]).toMatch(/svg/);
    // Signed out, the API answers first that it needs a sign-in; never with the app's page.
    const api = await get("/api/v1/nothing-here");
    expect(api.statusCode).toBe(401);
    expect(api.headers["content-type"]).toMatch(/json/);
  });
});
