import { createReadStream, type Stats, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Paths the API owns: the web app never answers for them, whatever its directory holds. */
const API_PREFIXES = ["/v1", "/token", "/health"];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * Where the built web app (packages/demo) ships: `dist/demo/` beside the bundled server. From
 * sources (tests) that directory does not exist, and the app is not served unless a directory is given.
 */
export function defaultDemoDir(): string {
  return fileURLToPath(new URL("./demo/", import.meta.url));
}

/**
 * Serves the web app's files for GET and HEAD: `/` and any file in `dir`, and `index.html` for
 * other paths asked for as an HTML page (so a reload of a client-side route works). Answers
 * nothing (returns false) for the API's paths, other methods, and anything else.
 */
export function serveDemo(dir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
  } catch {
    return false;
  }
  if (API_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return false;
  const root = resolve(dir);
  const index = join(root, "index.html");
  if (!fileStats(index)) return false;
  const wanted = resolve(root, `.${pathname}`);
  if (wanted !== root && !wanted.startsWith(root + sep)) return false;
  const stats = pathname.endsWith("/") ? undefined : fileStats(wanted);
  if (stats) {
    // Vite names built assets by content hash: they never change under the same name.
    const immutable = pathname.startsWith("/assets/");
    send(req, res, wanted, stats, immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return true;
  }
  const accept = req.headers.accept ?? "";
  if (pathname === "/" || (accept.includes("text/html") && !extname(pathname))) {
    send(req, res, index, fileStats(index)!, "no-cache");
    return true;
  }
  return false;
}

function fileStats(path: string): Stats | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function send(req: IncomingMessage, res: ServerResponse, path: string, stats: Stats, cacheControl: string): void {
  res.writeHead(200, {
    "Content-Type": TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": stats.size,
    "Cache-Control": cacheControl,
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(path)
    .on("error", () => res.destroy())
    .pipe(res);
}
