/**
 * A sweep over every operation of the spec (Conversations v1 and Chat v2 alike): without credentials it is refused; with bad
 * parameters, unknown SIDs or a malformed body it answers with a 4xx in Twilio's shape, never a
 * 5xx, and writes nothing.
 */
import { operations } from "@confab/protocol";
import openapi from "@confab/protocol/openapi.json" with { type: "json" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";

type OperationId = keyof typeof operations;
let server: RunningServer;
let basic = "";

beforeAll(async () => {
  server = await testServer();
  basic = `Basic ${Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64")}`;
});
afterAll(() => server.close());

/** The path parameters that name the service (Conversations v1 says `ChatServiceSid`, Chat v2 `ServiceSid`). */
const SERVICE_PARAMS = new Set(["ChatServiceSid", "ServiceSid"]);

const SID_PREFIX: Record<string, string> = {
  ChatServiceSid: "IS",
  ServiceSid: "IS",
  ChannelSid: "CH",
  ConversationSid: "CH",
  MessageSid: "IM",
  UserSid: "US",
  Sid: "XX",
};

/** Path with every parameter filled: the real service where one is asked for, unknown SIDs elsewhere. */
function pathOf(id: OperationId, bad = false): string {
  const entry = operations[id];
  return entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (SERVICE_PARAMS.has(name) && !bad) return server.credentials.serviceSid;
    const prefix = name === "Sid" ? sidPrefixFor(id) : (SID_PREFIX[name] ?? "XX");
    return `${prefix}${"0".repeat(32)}`;
  });
}

function sidPrefixFor(id: OperationId): string {
  const map: [RegExp, string][] = [
    [/UserBinding/, "BS"],
    [/Message(?!Receipt)/, "IM"],
    [/Receipt/, "DY"],
    [/Participant/, "MB"],
    [/Webhook/, "WH"],
    [/Role/, "RL"],
    [/User/, "US"],
    [/Credential/, "CR"],
    [/Binding/, "BS"],
    [/Address/, "IG"],
    [/Media/, "ME"],
    [/Service$/, "IS"],
    [/Conversation/, "CH"],
    [/Member/, "MB"],
    [/Invite/, "IN"],
    [/Channel/, "CH"],
  ];
  return map.find(([re]) => re.test(id))?.[1] ?? "XX";
}

async function call(id: OperationId, options: { auth?: boolean; body?: string; bad?: boolean; query?: string } = {}) {
  const entry = operations[id];
  const headers: Record<string, string> = {
    "Content-Type": entry.body === "form" ? "application/x-www-form-urlencoded" : "application/octet-stream",
  };
  if (options.auth !== false) headers.Authorization = basic;
  const res = await fetch(`${server.url}${pathOf(id, options.bad)}${options.query ?? ""}`, {
    method: entry.method,
    headers,
    ...(entry.method === "GET" || entry.method === "DELETE" ? {} : { body: options.body ?? "" }),
  });
  const text = await res.text();
  return { status: res.status, json: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
}

function expectTwilioError(result: { status: number; json: any }, label: string) {
  expect(result.status, label).toBeGreaterThanOrEqual(400);
  expect(result.status, label).toBeLessThan(500);
  expect(result.json, label).toMatchObject({
    code: expect.any(Number),
    message: expect.any(String),
    more_info: expect.stringContaining("twilio.com/docs/errors/"),
    status: result.status,
  });
}

const ids = Object.keys(operations) as OperationId[];

describe("every operation refuses bad input in Twilio's shape", () => {
  it("sweeps the Chat v2 operations too", () => {
    expect(ids.filter((id) => operations[id].path.startsWith("/v2/"))).toHaveLength(54);
  });

  it("refuses a request without credentials with 401", async () => {
    for (const id of ids) {
      if (operations[id].public) continue;
      const r = await call(id, { auth: false });
      if (r.status === 404 && operations[id].path.includes("Media")) continue;
      expect(r.status, id).toBe(401);
      expect(r.json?.code, id).toBe(20003);
    }
  });

  it("answers bad path parameters with a 4xx, never a 5xx", async () => {
    for (const id of ids) {
      if (!operations[id].pathParams.some((p: string) => SERVICE_PARAMS.has(p))) continue;
      const r = await call(id, { bad: true });
      expectTwilioError(r, id);
    }
  });

  it("answers unknown SIDs with a 4xx, never a 5xx", async () => {
    for (const id of ids) {
      const entry = operations[id];
      if (entry.pathParams.length === 0 || entry.pathParams.every((p: string) => SERVICE_PARAMS.has(p))) continue;
      const r = await call(id, { body: "" });
      expectTwilioError(r, id);
    }
  });

  it("answers a malformed form field with 400 and writes nothing", async () => {
    const counts = () =>
      Promise.all(
        (["conversation", "service", "role", "user", "credential", "invite"] as const).map((k) => server.core.store.count(k, {})),
      );
    const before = await counts();
    let checked = 0;
    for (const id of ids) {
      if (operations[id].body !== "form") continue;
      const bad = badField(id);
      if (!bad) continue;
      checked++;
      const r = await call(id, { body: bad });
      expectTwilioError(r, `${id} with ${bad}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(await counts()).toEqual(before);
  });

  it("answers a bad query parameter with 400", async () => {
    for (const id of ids) {
      if (!(operations[id].queryParams as readonly string[]).includes("PageSize")) continue;
      const r = await call(id, { query: "?PageSize=0" });
      expectTwilioError(r, id);
    }
  });
});

type Schema = Record<string, any>;
const doc = openapi as Schema;

function deref(node: Schema | undefined): Schema | undefined {
  let current = node;
  while (current?.$ref)
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce((acc: Schema, k: string) => acc?.[k], doc);
  return current;
}

/** A form field of the operation with a value its schema cannot accept, as `Name=value`. */
function badField(id: OperationId): string | undefined {
  const entry = operations[id];
  const pathItem = deref(doc.paths[entry.path]) ?? {};
  const op = pathItem[entry.method.toLowerCase()];
  const form = deref(deref(op?.requestBody)?.content?.["application/x-www-form-urlencoded"]?.schema);
  for (const [name, raw] of Object.entries<Schema>(form?.properties ?? {})) {
    const schema = deref(raw) ?? {};
    const value = schema.enum
      ? "nonsense"
      : schema.type === "integer"
        ? "x"
        : schema.type === "boolean"
          ? "maybe"
          : schema.format === "json"
            ? "{bad"
            : schema.format === "date-time"
              ? "yesterday"
              : schema.pattern
                ? "bad"
                : undefined;
    if (value !== undefined) return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  }
  return undefined;
}
