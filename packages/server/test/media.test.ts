import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
let small: RunningServer;
let basic = "";

beforeAll(async () => {
  server = await testServer();
  small = await testServer({ limits: { mediaBytes: 1024 } });
  basic = `Basic ${Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64")}`;
});
afterAll(async () => {
  await server.close();
  await small.close();
});

const mediaPath = (s: RunningServer) => `${s.url}/v1/Services/${s.credentials.serviceSid}/Media`;
const tokenOf = (identity: string) => userToken(server, identity);

type Media = {
  sid: string;
  size: number;
  content_type: string;
  filename: string | null;
  author: string;
  links: { content: string; content_direct_temporary: string };
};

describe("media", () => {
  it("stores a raw upload and serves it back with its type", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const res = await fetch(`${mediaPath(server)}?Filename=dot.png`, {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": "image/png" },
      body: bytes,
    });
    expect(res.status).toBe(201);
    const media = (await res.json()) as Media;
    expect(media).toMatchObject({ size: 7, content_type: "image/png", filename: "dot.png", author: "system" });
    expect(media.sid).toMatch(/^ME[0-9a-f]{32}$/);

    const meta = await fetch(`${mediaPath(server)}/${media.sid}`, { headers: { Authorization: basic } });
    expect(((await meta.json()) as Media).size).toBe(7);

    const content = await fetch(media.links.content, { headers: { Authorization: basic } });
    expect(content.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
  });

  it("takes a multipart upload with its own type and file name", async () => {
    const form = new FormData();
    form.append("note", "ignored");
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    const res = await fetch(mediaPath(server), { method: "POST", headers: { "X-Twilio-Token": tokenOf("alice") }, body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ size: 5, content_type: "text/plain", filename: "hello.txt", author: "alice" });
  });

  it("serves a temporary URL without credentials, and refuses a tampered or expired one", async () => {
    const res = await fetch(mediaPath(server), {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": "text/plain" },
      body: "secret",
    });
    const media = (await res.json()) as Media;
    const ok = await fetch(media.links.content_direct_temporary);
    expect(await ok.text()).toBe("secret");
    const url = new URL(media.links.content_direct_temporary);
    url.searchParams.set("Expires", String(Number(url.searchParams.get("Expires")) + 1000));
    expect((await fetch(url)).status).toBe(403);
    url.searchParams.set("Expires", "1");
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(media.links.content)).status).toBe(401);
  });

  it("shows a user only its own media", async () => {
    const res = await fetch(mediaPath(server), {
      method: "POST",
      headers: { "X-Twilio-Token": tokenOf("alice"), "Content-Type": "text/plain" },
      body: "mine",
    });
    const media = (await res.json()) as Media;
    expect((await fetch(`${mediaPath(server)}/${media.sid}`, { headers: { "X-Twilio-Token": tokenOf("alice") } })).status).toBe(200);
    const asBob = await fetch(`${mediaPath(server)}/${media.sid}`, { headers: { "X-Twilio-Token": tokenOf("bob") } });
    expect(asBob.status).toBe(404);
    expect((await fetch(media.links.content, { headers: { "X-Twilio-Token": tokenOf("bob") } })).status).toBe(404);
  });

  it("refuses a file over the limit with 413 and keeps nothing", async () => {
    const res = await fetch(mediaPath(small), {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${small.credentials.accountSid}:${small.credentials.authToken}`).toString("base64")}`,
        "Content-Type": "application/octet-stream",
      },
      body: new Uint8Array(4096),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ status: 413 });
    expect(await small.core.store.count("media", {})).toBe(0);
  });

  it("refuses bad parameters and bad credentials in Twilio's shape", async () => {
    const badFile = await fetch(`${mediaPath(server)}?Filename=`, { method: "POST", headers: { Authorization: basic }, body: "x" });
    expect(badFile.status).toBe(400);
    expect(await badFile.json()).toMatchObject({ code: 20001 });
    const badService = await fetch(`${server.url}/v1/Services/CH${"0".repeat(32)}/Media`, {
      method: "POST",
      headers: { Authorization: basic },
      body: "x",
    });
    expect(badService.status).toBe(400);
    const anonymous = await fetch(mediaPath(server), { method: "POST", body: "x" });
    expect(anonymous.status).toBe(401);
  });

  it("streams a 150 MB upload and download without holding the file in memory", async () => {
    const size = 150 * 1024 * 1024;
    const chunk = new Uint8Array(1024 * 1024).fill(7);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= size) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const res = await fetch(mediaPath(server), {
        method: "POST",
        headers: { Authorization: basic, "Content-Type": "video/mp4" },
        body,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(201);
      const media = (await res.json()) as Media;
      expect(media.size).toBe(size);
      const download = await fetch(media.links.content, { headers: { Authorization: basic } });
      let received = 0;
      for await (const part of download.body as unknown as AsyncIterable<Uint8Array>) received += part.length;
      expect(received).toBe(size);
    } finally {
      clearInterval(sampler);
    }
    // Holding the file would add 150 MB; streaming stays far below that.
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});

describe("media through the router (as the realtime socket carries it)", () => {
  it("stores and serves a small file without the streaming routes", async () => {
    const { createRouter } = await import("@confab/protocol/server");
    const { allHandlers } = await import("../src/http/handlers/index.js");
    const { authenticate } = await import("../src/auth/authenticate.js");
    const app = { core: server.core, publicUrl: server.url, signingSecret: async () => server.credentials.authToken };
    const router = createRouter({
      handlers: allHandlers(app, { version: "test", startedAt: new Date() }),
      authenticate: (r) => authenticate(server.core, r),
      validateResponses: true,
    });
    const path = `/v1/Services/${server.credentials.serviceSid}/Media`;
    const created = await router.handle({
      method: "POST",
      url: `${path}?Filename=a.txt`,
      headers: { authorization: basic, "content-type": "text/plain" },
      body: new TextEncoder().encode("via router"),
    });
    expect(created.status).toBe(201);
    const media = JSON.parse(String(created.body)) as Media;
    const content = await router.handle({
      method: "GET",
      url: `${path}/${media.sid}/Content`,
      headers: { authorization: basic },
      body: new Uint8Array(),
    });
    expect(content.status).toBe(200);
    expect(content.headers["Content-Type"]).toBe("text/plain");
    expect(Buffer.from(content.body as Uint8Array).toString()).toBe("via router");
  });
});
