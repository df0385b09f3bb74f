/**
 * A sweep over every operation of the spec (Conversations v1 and Chat v2 alike): without credentials it is refused; with bad
 * parameters, unknown SIDs or a malformed body it answers with a 4xx in Twilio's shape, never a
 * 5xx, and writes nothing.
 */
import { connect } from "node:net";
import { operations } from "@confab/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { deref, formSchemaOf, type Schema } from "./support/openapi-schemas.js";
import { testServer } from "./support/server.js";
import { SERVICE_PARAMS, SID_PREFIX_OF_PARAMETER, sidPrefixFor } from "./support/sids.js";

type OperationId = keyof typeof operations;
let server: RunningServer;
let basic = "";

beforeAll(async () => {
  server = await testServer();
  basic = `Basic ${Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64")}`;
});
afterAll(() => server.close());

/** Path with every parameter filled: the real service where one is asked for, unknown SIDs elsewhere. */
function pathOf(id: OperationId, bad = false): string {
  const entry = operations[id];
  return entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (SERVICE_PARAMS.has(name) && !bad) return server.credentials.serviceSid;
    const prefix = name === "Sid" ? sidPrefixFor(id) : (SID_PREFIX_OF_PARAMETER[name] ?? "XX");
    return `${prefix}${"0".repeat(32)}`;
  });
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

/** Writes raw bytes to the server and resolves to everything it answers before closing. */
function rawExchange(url: string, request: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(request));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString()));
  });
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

  it("answers what Node's HTTP parser refuses (a URL past the header limit, a request that is not HTTP) in Twilio's shape", async () => {
    const long = await fetch(`${server.url}/v1/Conversations/${"x".repeat(20_000)}`, { headers: { Authorization: basic } });
    expectTwilioError({ status: long.status, json: await long.json() }, "a 20 KB URL");
    expect(long.status).toBe(431);
    const garbage = await rawExchange(server.url, "NOT HTTP AT ALL\r\n\r\n");
    const [head = "", body = ""] = garbage.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expectTwilioError({ status: 400, json: JSON.parse(body) }, "a request line that is not HTTP");
  });

  it("answers malformed percent-encoding in the media paths with a 4xx, never a 5xx", async () => {
    for (const [method, path] of [
      ["GET", `/v1/Services/%/Media/ME${"0".repeat(32)}/Content`],
      ["GET", `/v1/Services/${server.credentials.serviceSid}/Media/%E0%A4%A/Content`],
      ["POST", "/v1/Services/%zz/Media"],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: basic },
        ...(method === "POST" ? { body: "x" } : {}),
      });
      expectTwilioError({ status: res.status, json: await res.json() }, path);
    }
  });

  it("makes valid paging links for a list addressed by a unique name with spaces and quotes", async () => {
    const res = await fetch(`${server.url}/v1/Conversations/${encodeURIComponent("'; DROP TABLE x; --")}/Participants?Page=3`, {
      headers: { Authorization: basic },
    });
    // A 404 (no such conversation) or a page; never the 500 of a link that is not a URL.
    expect(res.status).toBeLessThan(500);
    const known = await fetch(`${server.url}/v1/Conversations`, {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ UniqueName: "a room é" }).toString(),
    });
    expect(known.status).toBe(201);
    const page = await fetch(`${server.url}/v1/Conversations/${encodeURIComponent("a room é")}/Participants`, {
      headers: { Authorization: basic },
    });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { meta: { first_page_url: string } };
    expect(new URL(body.meta.first_page_url).pathname).toBe("/v1/Conversations/a%20room%20%C3%A9/Participants");
  });

  it("answers a bad query parameter with 400", async () => {
    for (const id of ids) {
      if (!(operations[id].queryParams as readonly string[]).includes("PageSize")) continue;
      const r = await call(id, { query: "?PageSize=0" });
      expectTwilioError(r, id);
    }
  });
});

/** A form field of the operation with a value its schema cannot accept, as `Name=value`. */
function badField(id: OperationId): string | undefined {
  const form = formSchemaOf(id);
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
