/** The twilsock gateway at the frame level: refusals, bad input, and what a user may not read. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compatResponseMismatch } from "@confab/protocol/server";
import WebSocket from "ws";
import type { RunningServer } from "../src/index.js";
import { decodeFrame, encodeFrame, type TwilsockFrame } from "../src/twilsock/framing.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  server = await testServer();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server.close();
});

/** A bare twilsock connection that records every frame the gateway sends. */
async function open() {
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/v3/wsconnect`);
  sockets.push(ws);
  const frames: TwilsockFrame[] = [];
  ws.on("message", (data: Buffer) => frames.push(decodeFrame(new Uint8Array(data))));
  await new Promise((resolve) => ws.once("open", resolve));
  let counter = 0;
  const waitFor = async (match: (f: TwilsockFrame) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const found = frames.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`No matching frame; got ${frames.map((f) => f.header.method).join(",")}`);
  };
  const send = async (header: Record<string, unknown>, payload?: unknown) => {
    const id = `TMtest${++counter}`;
    ws.send(encodeFrame({ id, method: "message", ...header } as never, payload));
    return waitFor((f) => f.header.method === "reply" && f.header.id === id);
  };
  const http = (method: string, path: string, body?: unknown) =>
    send({ method: "message", active_grant: "ip_messaging", http_request: { host: "x", path, method, params: {}, headers: {} } }, body);
  return { ws, frames, send, http, waitFor };
}

describe("twilsock frames", () => {
  it("answers init with a bad token 401 with Twilio's error code, and refuses requests before init", async () => {
    const client = await open();
    const early = await client.http("GET", "/Client/v2/Configuration");
    expect(early.header.status).toMatchObject({ code: 401 });
    const refused = await client.send({ method: "init", token: "nope", capabilities: [] });
    expect(refused.header.status).toMatchObject({ code: 401, errorCode: 20101 });
    const expired = await client.send({
      method: "init",
      token: userToken(server, "alice", { now: new Date(Date.now() - 7200_000), ttlSeconds: 60 }),
    });
    expect(expired.header.status).toMatchObject({ code: 401, errorCode: 20104 });
  });

  it("refuses frames whose header the spec does not allow, with 400 and the reason", async () => {
    const client = await open();
    const noToken = await client.send({ method: "init" });
    expect(noToken.header.status).toMatchObject({ code: 400, description: expect.stringContaining("token") });
    await client.send({ method: "init", token: userToken(server, "alice") });
    const noRequest = await client.send({ method: "message" });
    expect(noRequest.header.status).toMatchObject({ code: 400, description: expect.stringContaining("http_request") });
    const badMethod = await client.send({ method: "message", http_request: { path: "/Client/v2/Configuration", method: "BREW" } });
    expect(badMethod.header.status).toMatchObject({ code: 400 });
  });

  it("closes with 406 on a frame that is not Twilsock V3.0", async () => {
    const client = await open();
    client.ws.send(Buffer.from("HELLO V9\r\n{}\r\n"));
    const close = await client.waitFor((f) => f.header.method === "close");
    expect(close.header.status).toMatchObject({ code: 406 });
  });

  it("answers paths with malformed percent-encoding 404, never 500", async () => {
    const client = await open();
    await client.send({ method: "init", token: userToken(server, "alice") });
    for (const path of ["/Client/v2/Conversations/%/Messages", "/v3/Documents/%E0%A4%A", "/v3/Maps/%zz/Items/%", "/v1/registrations/%"]) {
      const reply = await client.http("GET", path);
      expect(reply.header.status, path).toMatchObject({ code: 200 });
      expect((reply.header.http_status as { code: number }).code, path).toBeGreaterThanOrEqual(400);
      expect((reply.header.http_status as { code: number }).code, path).toBeLessThan(500);
    }
  });

  it("refuses tunnelled requests with Twilio's full error body, and a subscription request without an action with 400", async () => {
    const client = await open();
    await client.send({ method: "init", token: userToken(server, "alice") });
    const twilioShaped = (status: number) => ({
      status,
      code: expect.any(Number),
      message: expect.any(String),
      more_info: expect.stringContaining("twilio.com/docs/errors/"),
    });
    const unknown = await client.http("GET", "/Client/v2/NoSuchThing");
    expect(unknown.payload).toEqual(twilioShaped(404));
    const sync = await client.http("GET", "/v3/Documents/CH00000000000000000000000000000000.channel");
    expect(sync.payload).toEqual(twilioShaped(404));
    for (const body of [
      undefined,
      {},
      { action: "subscribe" },
      [1],
      { action: "establish", requests: [null] },
      { action: "cancel", requests: [{ object_sid: 1 }] },
    ]) {
      const refused = await client.http("POST", "/v4/Subscriptions", body);
      expect(refused.header.http_status, JSON.stringify(body)).toMatchObject({ code: 400 });
      expect(refused.payload).toEqual(twilioShaped(400));
    }
  });

  it("answers unknown paths 404, and keeps users out of what is not theirs", async () => {
    const alice = await open();
    await alice.send({ method: "init", token: userToken(server, "alice"), capabilities: ["client_update"] });
    const bob = await open();
    const init = await bob.send({ method: "init", token: userToken(server, "bob"), capabilities: ["client_update", "not-a-capability"] });
    expect(init.header.capabilities).toEqual(["client_update"]);

    expect((await alice.http("GET", "/Client/v2/NoSuchThing")).header.http_status).toMatchObject({ code: 404 });
    const created = await alice.http("POST", "/Client/v2/Conversations", { friendly_name: "private" });
    const sid = (created.payload as { sid: string }).sid;
    const config = (await alice.http("GET", "/Client/v2/Configuration")).payload as { sync_objects: { my_conversations: string } };

    // Bob is not a participant: the conversation's Sync objects are forbidden to him.
    expect((await bob.http("GET", `/v3/Documents/${sid}.channel`)).header.http_status).toMatchObject({ code: 403 });
    expect((await bob.http("GET", `/v3/Maps/${config.sync_objects.my_conversations}`)).header.http_status).toMatchObject({ code: 403 });
    expect((await bob.http("GET", "/v3/Lists/CH00000000000000000000000000000000.messages")).header.http_status).toMatchObject({
      code: 404,
    });
    await bob.http("POST", "/v4/Subscriptions", {
      action: "establish",
      correlation_id: 7,
      requests: [{ object_sid: `ET${sid.slice(2)}`, object_type: "document", last_event_id: 0 }],
    });
    const failed = await bob.waitFor((f) => (f.payload as { event_type?: string } | undefined)?.event_type === "subscription_failed");
    expect(failed.payload).toMatchObject({ correlation_id: 7, events: [{ object_type: "document", error: { status: 403 } }] });
    // A write he may not make is refused with the REST API's error.
    const write = await bob.http("POST", `/Client/v2/Conversations/${sid}/Messages`, { body: "let me in" });
    expect(write.header.http_status).toMatchObject({ code: 404 });
    expect(write.payload).toMatchObject({ status: 404, code: 20404 });
  });
});

describe("tunnelled requests against spec/openapi-compat", () => {
  it("refuses a request whose body or parameters the spec does not allow, with 400 in Twilio's shape, and changes nothing", async () => {
    const alice = await open();
    await alice.send({ method: "init", token: userToken(server, "alice") });
    const before = await server.core.store.count("conversation", {});
    const wrongType = await alice.http("POST", "/Client/v2/Conversations", { friendly_name: 42 });
    expect(wrongType.header.http_status).toMatchObject({ code: 400 });
    expect(wrongType.payload).toMatchObject({ status: 400, code: 20001, message: expect.stringContaining("friendly_name") });
    const badSubscription = await alice.http("POST", "/v4/Subscriptions", { action: "explode", requests: [] });
    expect(badSubscription.payload).toMatchObject({ status: 400, code: 20001, message: expect.stringContaining("action") });
    const badQuery = await alice.http("GET", "/v3/Lists/CH00000000000000000000000000000000.messages/Items?Order=sideways");
    expect(badQuery.payload).toMatchObject({ status: 400, message: expect.stringContaining("Order") });
    // A path the spec has, with a method it does not: not a resource.
    expect((await alice.http("DELETE", "/Client/v2/Configuration")).header.http_status).toMatchObject({ code: 404 });
    expect(await server.core.store.count("conversation", {})).toBe(before);
  });

  it("takes Chat's Client/v1 paths as the Client/v2 operations of the spec", async () => {
    const alice = await open();
    await alice.send({ method: "init", token: userToken(server, "alice") });
    const created = await alice.http("POST", "/Client/v1/Conversations", { friendly_name: "chat" });
    expect(created.header.http_status).toMatchObject({ code: 201 });
    expect((await alice.http("POST", "/Client/v1/Conversations", { unique_name: ["x"] })).header.http_status).toMatchObject({
      code: 400,
    });
  });

  it("finds an answer that does not match the spec (the check that validateResponses makes)", () => {
    expect(compatResponseMismatch("FetchClientConversation", { sid: 5 })).toMatch(/required|type/);
    expect(compatResponseMismatch("CreatePushRegistration", { id: "BS123" })).toBeNull();
  });
});

describe("the media service for the SDKs", () => {
  it("answers CORS preflights from any origin, and adds the header to answers", async () => {
    const path = `/v1/Services/${server.credentials.serviceSid}/Media`;
    const preflight = await fetch(`${server.url}${path}`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://app.example.com",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-twilio-token",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("X-Twilio-Token");
    const upload = await fetch(`${server.url}${path}?Filename=a.txt`, {
      method: "POST",
      headers: { Origin: "https://app.example.com", "X-Twilio-Token": userToken(server, "alice"), "Content-Type": "text/plain" },
      body: "hello",
    });
    expect(upload.status).toBe(201);
    expect(upload.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("looks up media sets, refusing bad input in Twilio's shape", async () => {
    const upload = (await (
      await fetch(`${server.url}/v1/Services/${server.credentials.serviceSid}/Media?Filename=a.txt`, {
        method: "POST",
        headers: { "X-Twilio-Token": userToken(server, "alice"), "Content-Type": "text/plain" },
        body: "hello",
      })
    ).json()) as { sid: string };
    const mediaSet = (body: string, token?: string) =>
      fetch(`${server.url}/Client/v2/MediaSet`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { "X-Twilio-Token": token } : {}) },
        body,
      });
    expect((await mediaSet("{}")).status).toBe(401);
    const token = userToken(server, "alice");
    const notJson = await mediaSet("{nope", token);
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ status: 400, code: 20001 });
    expect((await mediaSet(JSON.stringify({ command: "delete", list: [] }), token)).status).toBe(400);
    const found = await mediaSet(
      JSON.stringify({ command: "get", list: [{ media_sid: upload.sid }, { media_sid: `ME${"0".repeat(32)}` }] }),
      token,
    );
    expect(found.status).toBe(200);
    const [first, second] = (await found.json()) as {
      code: number;
      media_record?: { sid: string; links: { content_direct_temporary: string } };
    }[];
    expect(first?.code).toBe(200);
    expect(first?.media_record?.sid).toBe(upload.sid);
    expect((await fetch(first?.media_record?.links.content_direct_temporary as string)).status).toBe(200);
    expect(second?.code).toBe(404);
  });
});
