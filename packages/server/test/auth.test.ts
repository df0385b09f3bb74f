import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";
import { twilio } from "./support/twilio-client.js";

let server: RunningServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

const tokenFor = (identity: string, overrides: Parameters<typeof userToken>[2] = {}) => userToken(server, identity, overrides);

async function asUser(token: string, path: string, init: RequestInit = {}, header: "X-Twilio-Token" | "Bearer" = "X-Twilio-Token") {
  const auth: Record<string, string> = header === "Bearer" ? { Authorization: `Bearer ${token}` } : { "X-Twilio-Token": token };
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded", ...(init.headers ?? {}) },
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

/** Re-signs a token's (possibly edited) header and payload with a secret. */
function sign(header: object, payload: object, secret: string, algorithm = "sha256"): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${input}.${createHmac(algorithm, secret).update(input).digest("base64url")}`;
}

function decode(token: string): { header: any; payload: any } {
  const [h, p] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(h as string, "base64url").toString()),
    payload: JSON.parse(Buffer.from(p as string, "base64url").toString()),
  };
}

describe("user access tokens", () => {
  it("accepts a token made by the official helper's jwt.AccessToken with a ChatGrant", async () => {
    const c = server.credentials;
    const token = new twilio.jwt.AccessToken(c.accountSid, c.apiKeySid, c.apiKeySecret, { identity: "helper-user", ttl: 600 });
    token.addGrant(new twilio.jwt.AccessToken.ChatGrant({ serviceSid: c.serviceSid }));
    const r = await asUser(token.toJwt(), "/v1/Conversations");
    expect(r.status).toBe(200);
    expect(r.body.conversations).toEqual([]);
  });

  it("accepts it as a bearer token too, and with HS384 and HS512", async () => {
    expect((await asUser(tokenFor("bearer"), "/v1/Conversations", {}, "Bearer")).status).toBe(200);
    expect((await asUser(tokenFor("h384", { algorithm: "HS384" }), "/v1/Conversations")).status).toBe(200);
    expect((await asUser(tokenFor("h512", { algorithm: "HS512" }), "/v1/Conversations")).status).toBe(200);
  });

  it("refuses expired, not-yet-valid, wrongly signed, forged, unsigned and unknown-key tokens with 401", async () => {
    const c = server.credentials;
    const good = tokenFor("mallory");
    const { header, payload } = decode(good);
    const now = Math.floor(Date.now() / 1000);
    const bad = {
      expired: tokenFor("mallory", { now: new Date(Date.now() - 7200_000), ttlSeconds: 60 }),
      notYetValid: sign(header, { ...payload, nbf: now + 3600 }, c.apiKeySecret),
      wrongSecret: tokenFor("mallory", { apiKeySecret: "not-the-secret" }),
      forged: `${good.split(".")[0]}.${Buffer.from(JSON.stringify({ ...payload, grants: { identity: "admin" } })).toString("base64url")}.${good.split(".")[2]}`,
      algNone: `${Buffer.from(JSON.stringify({ ...header, alg: "none" })).toString("base64url")}.${good.split(".")[1]}.`,
      unknownKey: sign(header, { ...payload, iss: `SK${"0".repeat(32)}` }, c.apiKeySecret),
      otherAccount: sign(header, { ...payload, sub: `AC${"0".repeat(32)}` }, c.apiKeySecret),
      noIdentity: sign(header, { ...payload, grants: { chat: { service_sid: c.serviceSid } } }, c.apiKeySecret),
      garbage: "not.a.token",
    };
    for (const [name, token] of Object.entries(bad)) {
      const r = await asUser(token, "/v1/Conversations");
      expect(r.status, name).toBe(401);
      expect(r.body.code, name).toBe(20003);
    }
  });

  it("lets a user see only the conversations it takes part in", async () => {
    const alice = tokenFor("alice");
    const bob = tokenFor("bob");
    const created = await asUser(alice, "/v1/Conversations", { method: "POST", body: "FriendlyName=Alice%27s" });
    expect(created.status).toBe(201);
    const sid = created.body.sid;
    expect((await asUser(alice, `/v1/Conversations/${sid}`)).status).toBe(200);
    expect((await asUser(alice, "/v1/Conversations")).body.conversations.map((c: { sid: string }) => c.sid)).toContain(sid);
    const asBob = await asUser(bob, `/v1/Conversations/${sid}`);
    expect(asBob.status).toBe(404);
    expect((await asUser(bob, "/v1/Conversations")).body.conversations).toEqual([]);
  });

  it("keeps state and timers for the account: a user gets 403", async () => {
    const alice = tokenFor("alice2");
    const created = await asUser(alice, "/v1/Conversations", { method: "POST", body: "" });
    const r = await asUser(alice, `/v1/Conversations/${created.body.sid}`, { method: "POST", body: "State=closed" });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe(20403);
    expect((await asUser(alice, `/v1/Conversations/${created.body.sid}`)).body.state).toBe("active");
  });

  it("keeps a user out of other services", async () => {
    const r = await asUser(tokenFor("eve"), `/v1/Services/IS${"1".repeat(32)}/Conversations`);
    expect(r.status).toBe(404);
  });
});

describe("the development token endpoint", () => {
  it("mints a working token for an identity", async () => {
    const res = await fetch(`${server.url}/token?identity=dev-user`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; identity: string };
    expect(body.identity).toBe("dev-user");
    expect((await asUser(body.token, "/v1/Conversations")).status).toBe(200);
  });

  it("refuses a request without identity", async () => {
    const res = await fetch(`${server.url}/token`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 20001, status: 400 });
  });

  it("is off unless the server runs in development mode", async () => {
    const production = await testServer({ dev: false });
    try {
      const res = await fetch(`${production.url}/token?identity=x`);
      expect(res.status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe("conversations a user creates", () => {
  it("record the creator, seen in the user's conversation view", async () => {
    const alice = tokenFor("creator-alice");
    const created = await asUser(alice, "/v1/Conversations", { method: "POST", body: "FriendlyName=mine" });
    const user = await fetch(`${server.url}/v1/Users`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "Identity=creator-alice",
    });
    const userSid = ((await user.json()) as { sid: string }).sid;
    const view = await asUser(alice, `/v1/Users/${userSid}/Conversations/${created.body.sid}`);
    expect(view.status).toBe(200);
    expect(view.body.created_by).toBe("creator-alice");
  });
});
