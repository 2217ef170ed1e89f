import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

// A top-level file of the build (favicon.svg, robots.txt): one path segment with an extension.
const topLevelFile = /^\/[\w-][\w.-]*\.[a-z0-9]+$/i;

/**
 * Serves the built web app from `root` so that rebuilding it under a running server is safe (an
 * upgrade): every request looks at the disk, never at a list of files taken at start.
 * - `/assets/*` are Vite's hashed files: cached for good by the browser; a missing one is a 404,
 *   never index.html (a browser would run that HTML as a script and show a blank page).
 * - Any other page path is the single-page app: index.html, which the browser must revalidate so it
 *   picks up a new build's asset names.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.join(root, "assets"),
    prefix: "/assets/",
    // wildcard: one route that looks each request up on disk, so files built after start are served.
    wildcard: true,
    maxAge: "365d",
    immutable: true,
  });
  const indexHtml = (reply: FastifyReply) =>
    reply.header("cache-control", "no-cache").sendFile("index.html", root, { cacheControl: false });

  app.get("/*", (req, reply) => {
    const pathname = req.url.split("?")[0] ?? "/";
    if (pathname.startsWith("/api/")) return reply.callNotFound();
    if (pathname === "/index.html") return indexHtml(reply);
    if (topLevelFile.test(pathname)) {
      // A file the build has (checked now, not at start); an unknown one is not a page either: 404.
      const file = path.join(root, pathname);
      if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return reply.callNotFound();
      return reply.sendFile(pathname.slice(1), root, { maxAge: "1d", immutable: false });
    }
    return indexHtml(reply);
  });
}
