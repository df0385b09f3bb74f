/**
 * Webhooks against a real local receiver: signatures checked by the official helper's
 * `validateRequest`, filters, X-Twilio-Webhook-Enabled, pre-event rejection and modification,
 * and retries of post-event webhooks.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";
import { twilio } from "./support/twilio-client.js";

type Received = { path: string; method: string; params: Record<string, string>; signature: string; url: string };

let receiver: Server;
let receiverUrl = "";
const received: Received[] = [];
/** How the receiver answers, by path. */
const answers = new Map<string, { status: number; body?: string }[]>();

let server: RunningServer;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", receiverUrl);
      const params = Object.fromEntries(req.method === "GET" ? url.searchParams : new URLSearchParams(body));
      received.push({
        path: url.pathname,
        method: req.method ?? "",
        params,
        signature: String(req.headers["x-twilio-signature"] ?? ""),
        url: `${receiverUrl}${req.url}`,
      });
      const queue = answers.get(url.pathname);
      const answer = queue?.shift() ?? { status: 200 };
      res.writeHead(answer.status, { "Content-Type": "application/json" }).end(answer.body ?? "");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await testServer({ webhooks: { retryDelayMs: 10, timeoutMs: 2000 } });
  // Configure the default service's webhooks in the store directly (the service configuration
  // API is tested on its own).
  await server.core.store.transaction(async (tx) => {
    const service = await tx.get("service", server.credentials.serviceSid);
    if (!service) throw new Error("no service");
    await tx.update("service", {
      ...service,
      webhook: {
        method: "POST",
        preWebhookUrl: `${receiverUrl}/pre`,
        postWebhookUrl: `${receiverUrl}/post`,
        filters: [
          "onConversationAdd",
          "onConversationAdded",
          "onConversationUpdated",
          "onConversationStateUpdated",
          "onConversationRemove",
        ],
      },
    });
  });
});

afterAll(async () => {
  await server.close();
  receiver.close();
});

beforeEach(async () => {
  // Let the previous test's deliveries finish so they do not land in this one.
  await server.webhooksIdle();
  received.length = 0;
  answers.clear();
});

const authToken = () => server.credentials.authToken;
const admin = (path: string, body: string, webhooks: boolean) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${server.credentials.accountSid}:${authToken()}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(webhooks ? { "X-Twilio-Webhook-Enabled": "true" } : {}),
    },
    body,
  });

describe("webhooks", () => {
  it("sends nothing for REST writes without X-Twilio-Webhook-Enabled", async () => {
    expect((await admin("/v1/Conversations", "FriendlyName=quiet", false)).status).toBe(201);
    await server.webhooksIdle();
    expect(received).toEqual([]);
  });

  it("asks the pre-event hook and sends the post-event hook, both signed as Twilio signs", async () => {
    const res = await admin("/v1/Conversations", "FriendlyName=loud", true);
    expect(res.status).toBe(201);
    await server.webhooksIdle();
    const pre = received.find((r) => r.path === "/pre");
    const post = received.find((r) => r.path === "/post");
    expect(pre?.params).toMatchObject({
      EventType: "onConversationAdd",
      FriendlyName: "loud",
      Source: "API",
      AccountSid: server.credentials.accountSid,
    });
    expect(post?.params).toMatchObject({
      EventType: "onConversationAdded",
      FriendlyName: "loud",
      ConversationSid: ((await res.json()) as { sid: string }).sid,
    });
    for (const r of [pre, post]) {
      expect(twilio.validateRequest(authToken(), r?.signature ?? "", r?.url ?? "", r?.params ?? {})).toBe(true);
      // A forged signature does not pass.
      expect(twilio.validateRequest("another-token", r?.signature ?? "", r?.url ?? "", r?.params ?? {})).toBe(false);
    }
  });

  it("marks SDK writes with Source and ClientIdentity", async () => {
    const token = userToken(server, "alice");
    const res = await fetch(`${server.url}/v1/Conversations`, {
      method: "POST",
      headers: { "X-Twilio-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: "FriendlyName=sdk",
    });
    expect(res.status).toBe(201);
    await server.webhooksIdle();
    expect(received.find((r) => r.path === "/post")?.params).toMatchObject({ Source: "SDK", ClientIdentity: "alice" });
  });

  it("lets the pre-event hook reject a write, which then writes nothing", async () => {
    answers.set("/pre", [{ status: 403 }]);
    const before = await server.core.store.count("conversation", { parent: server.credentials.serviceSid });
    const res = await admin("/v1/Conversations", "FriendlyName=blocked", true);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 20403, status: 403 });
    expect(await server.core.store.count("conversation", { parent: server.credentials.serviceSid })).toBe(before);
    await server.webhooksIdle();
    expect(received.filter((r) => r.path === "/post")).toEqual([]);
  });

  it("lets the pre-event hook change the write", async () => {
    answers.set("/pre", [{ status: 200, body: JSON.stringify({ friendly_name: "renamed by hook" }) }]);
    const res = await admin("/v1/Conversations", "FriendlyName=original", true);
    expect(((await res.json()) as { friendly_name: string }).friendly_name).toBe("renamed by hook");
  });

  it("retries a post-event hook that fails, with RetryCount", async () => {
    answers.set("/post", [{ status: 500 }, { status: 503 }, { status: 200 }]);
    await admin("/v1/Conversations", "FriendlyName=retried", true);
    await server.webhooksIdle();
    const posts = received.filter((r) => r.path === "/post");
    expect(posts.map((p) => p.params.RetryCount)).toEqual(["0", "1", "2"]);
  });

  it("sends only the events in the filters, and the state change as its own event", async () => {
    const created = (await (await admin("/v1/Conversations", "FriendlyName=stateful", false)).json()) as { sid: string };
    received.length = 0;
    await admin(`/v1/Conversations/${created.sid}`, "State=closed", true);
    await server.webhooksIdle();
    const events = received.filter((r) => r.path === "/post").map((r) => r.params.EventType);
    expect(events.sort()).toEqual(["onConversationStateUpdated", "onConversationUpdated"]);
    expect(received.find((r) => r.params.EventType === "onConversationStateUpdated")?.params.StateTo).toBe("closed");
  });

  it("sends conversation-scoped webhooks for their conversation's events, with WebhookSid", async () => {
    const created = (await (await admin("/v1/Conversations", "FriendlyName=scoped", false)).json()) as { sid: string };
    const hook = await admin(
      `/v1/Conversations/${created.sid}/Webhooks`,
      `Target=webhook&Configuration.Url=${encodeURIComponent(`${receiverUrl}/scoped`)}&Configuration.Method=POST&Configuration.Filters=onMessageAdded`,
      false,
    );
    expect(hook.status).toBe(201);
    const webhookSid = ((await hook.json()) as { sid: string }).sid;
    await admin(`/v1/Conversations/${created.sid}/Messages`, "Author=system&Body=hello", true);
    await server.webhooksIdle();
    const scoped = received.filter((r) => r.path === "/scoped");
    expect(scoped).toHaveLength(1);
    expect(scoped[0]?.params).toMatchObject({
      EventType: "onMessageAdded",
      Body: "hello",
      WebhookSid: webhookSid,
      ConversationSid: created.sid,
    });
    expect(twilio.validateRequest(authToken(), scoped[0]?.signature ?? "", scoped[0]?.url ?? "", scoped[0]?.params ?? {})).toBe(true);
  });
});
