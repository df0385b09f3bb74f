import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/index.js";

// The web app (packages/demo) at `/` in development mode, never in front of the API.
let dir = "";
let dev: RunningServer;
let prod: RunningServer;
const html = "<!doctype html><title>Confab</title><div id=app></div>";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "confab-demo-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), html);
  writeFileSync(join(dir, "assets", "app-1234.js"), "console.log(1)");
  writeFileSync(join(dir, "health"), "shadow");
  dev = await startServer({ port: 0, dataDir: ":memory:", dev: true, demoDir: dir });
  prod = await startServer({ port: 0, dataDir: ":memory:", demoDir: dir });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

describe("the web app in development mode", () => {
  it("serves index.html at / and the built assets", async () => {
    const root = await fetch(`${dev.url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await root.text()).toBe(html);
    const asset = await fetch(`${dev.url}/assets/app-1234.js`);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await asset.text()).toBe("console.log(1)");
    const head = await fetch(`${dev.url}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(html.length));
  });

  it("falls back to index.html only for GET of an HTML page", async () => {
    const route = await fetch(`${dev.url}/c/CH0123`, { headers: page });
    expect(await route.text()).toBe(html);
    const script = await fetch(`${dev.url}/assets/missing.js`, { headers: page });
    expect(script.status).toBe(404);
    const json = await fetch(`${dev.url}/c/CH0123`, { headers: { Accept: "application/json" } });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ status: 404 });
    const post = await fetch(`${dev.url}/`, { method: "POST", headers: page });
    expect(post.headers.get("content-type")).not.toContain("text/html");
  });

  it("never shadows the API, the token endpoint, the health check or the socket", async () => {
    const rest = await fetch(`${dev.url}/v1/Conversations`, { headers: page });
    expect(rest.status).toBe(401);
    expect(rest.headers.get("content-type")).toContain("application/json");
    const unknown = await fetch(`${dev.url}/v1/Nothing`, { headers: page });
    expect(unknown.headers.get("content-type")).toContain("application/json");
    const health = await fetch(`${dev.url}/health`, { headers: page });
    expect(await health.json()).toMatchObject({ status: expect.any(String) });
    const token = await fetch(`${dev.url}/token?identity=alice`, { headers: page });
    expect(await token.json()).toMatchObject({ identity: "alice", chat_service_sid: dev.credentials.serviceSid });
    const socket = await fetch(`${dev.url}/v1/socket`, { headers: page });
    expect(socket.headers.get("content-type")).not.toContain("text/html");
  });

  it("serves nothing outside its directory", async () => {
    for (const path of ["/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd"]) {
      const res = await fetch(`${dev.url}${path}`, { headers: { Accept: "*/*" } });
      expect(await res.text()).not.toContain("root:");
    }
  });

  it("is not served outside development mode", async () => {
    const root = await fetch(`${prod.url}/`, { headers: page });
    expect(root.headers.get("content-type")).not.toContain("text/html");
  });

  it("is not served when no app was built (the directory has no index.html)", async () => {
    const empty = mkdtempSync(join(tmpdir(), "confab-demo-empty-"));
    const server = await startServer({ port: 0, dataDir: ":memory:", dev: true, demoDir: empty });
    try {
      const root = await fetch(`${server.url}/`, { headers: page });
      expect(root.headers.get("content-type")).not.toContain("text/html");
    } finally {
      await server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
