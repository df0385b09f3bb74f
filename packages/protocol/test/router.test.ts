import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfabApiError } from "../src/rest/errors.js";
import { createRouter, type RouterRequest } from "../src/server/router.js";
import { conversationFixture } from "./support/fixtures.js";
import { serve } from "./support/http-server.js";

const SID = (prefix: string) => `${prefix}${"ab".repeat(16)}`;
const seen: Record<string, unknown>[] = [];

const router = createRouter<{ admin: boolean }>({
  validateResponses: true,
  authenticate: async (request) => (request.headers.authorization === "Basic YWRtaW46c2VjcmV0" ? { admin: true } : null),
  handlers: {
    async ListConversation({ params }) {
      seen.push({ params });
      return { conversations: [], meta: page("conversations") };
    },
    async CreateConversation({ body, params }) {
      seen.push({ body, params });
      return conversation(body.FriendlyName ?? null);
    },
    async FetchConversation({ params }) {
      if (params.Sid === "missing")
        throw new ConfabApiError({
          code: 20404,
          message: "Conversation not found",
          more_info: "https://www.twilio.com/docs/errors/20404",
          status: 404,
        });
      if (params.Sid === "boom") throw new Error("database on fire");
      return conversation("fetched");
    },
    async DeleteConversation() {
      return undefined;
    },
    async UpdateConversation() {
      // A broken handler: the spec wants a Conversation.
      return { nonsense: true } as never;
    },
  },
});

function page(key: string) {
  const url = "http://127.0.0.1/v1/Conversations?PageSize=50&Page=0";
  return { page: 0, page_size: 50, first_page_url: url, previous_page_url: null, url, next_page_url: null, key };
}

const conversation = (friendlyName: string | null) => conversationFixture(0, { friendly_name: friendlyName, sid: SID("CH") });

function request(
  method: string,
  url: string,
  body = "",
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: Record<string, string> }> {
  const req: RouterRequest = {
    method,
    url,
    headers: { authorization: "Basic YWRtaW46c2VjcmV0", "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new TextEncoder().encode(body),
  };
  return router.handle(req).then((r) => ({ status: r.status, headers: r.headers, json: r.body ? JSON.parse(String(r.body)) : undefined }));
}

describe("router: bad input gets Twilio's error and reaches no handler", () => {
  it("answers an unknown path with 404 and code 20404", async () => {
    const r = await request("GET", "/v1/Nope");
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      code: 20404,
      message: "The requested resource /v1/Nope was not found",
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404,
    });
  });

  it("answers a wrong method with 405, code 20004 and Allow", async () => {
    const r = await request("PUT", "/v1/Conversations");
    expect(r.status).toBe(405);
    expect(r.json.code).toBe(20004);
    expect(r.headers.Allow).toBe("GET, POST");
  });

  it("rejects a value outside an enum, naming the parameter", async () => {
    const before = seen.length;
    const r = await request("POST", "/v1/Conversations", "State=sleeping");
    expect(r.status).toBe(400);
    expect(r.json.code).toBe(20001);
    expect(r.json.message).toBe(
      "Invalid value for parameter State in the post body: must be one of initializing, inactive, active, closed",
    );
    expect(r.json.more_info).toBe("https://www.twilio.com/docs/errors/20001");
    expect(seen.length).toBe(before);
  });

  it("rejects Attributes that are not JSON", async () => {
    const r = await request("POST", "/v1/Conversations", "Attributes=%7Bnope");
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("Attributes");
    expect(r.json.message).toContain("valid JSON string");
  });

  it("rejects a query parameter out of range", async () => {
    const r = await request("GET", "/v1/Conversations?PageSize=0");
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("PageSize");
  });

  it("rejects a header value outside its enum", async () => {
    const r = await request("POST", "/v1/Conversations", "", { "x-twilio-webhook-enabled": "maybe" });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("X-Twilio-Webhook-Enabled");
  });

  it("reports a missing required form field as Twilio does", async () => {
    const r = await request("POST", "/v1/Configuration/Addresses", "Address=%2B15550100");
    expect(r.status).toBe(400);
    expect(r.json.message).toBe("Missing required parameter Type in the post body");
  });

  it("rejects a path SID with the wrong prefix", async () => {
    const r = await request("GET", `/v1/Services/${SID("CH")}/Conversations`);
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("ChatServiceSid");
  });

  it("rejects a body that is not a form", async () => {
    const r = await request("POST", "/v1/Conversations", '{"FriendlyName":"x"}', { "content-type": "application/json" });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("application/x-www-form-urlencoded");
  });

  it("authenticates before it validates: an anonymous bad request learns only 401", async () => {
    const r = await request("POST", "/v1/Conversations", "State=sleeping", { authorization: "" });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe(20003);
  });

  it("answers 401 with code 20003 without credentials", async () => {
    const r = await request("GET", "/v1/Conversations", "", { authorization: "Basic bm9wZTpub3Bl" });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe(20003);
  });
});

describe("router: good input", () => {
  it("hands the handler coerced parameters", async () => {
    const r = await request("GET", "/v1/Conversations?PageSize=5&State=active");
    expect(r.status).toBe(200);
    expect(seen.at(-1)).toEqual({ params: { PageSize: 5, State: "active" } });
  });

  it("takes a case-insensitive enum value in any letter case, as the member it matches", async () => {
    const r = await request("POST", "/v1/Credentials", "Type=GcM&ApiKey=k");
    // No handler for credentials here: reaching it (501) means the value passed validation.
    expect(r.status).toBe(501);
    const bad = await request("POST", "/v1/Credentials", "Type=pigeon&ApiKey=k");
    expect(bad.status).toBe(400);
  });

  it("answers a create with 201 and the resource", async () => {
    const r = await request("POST", "/v1/Conversations", "FriendlyName=Team&Timers.Inactive=PT5M", { "x-twilio-webhook-enabled": "true" });
    expect(r.status).toBe(201);
    expect(r.json.friendly_name).toBe("Team");
    expect(seen.at(-1)).toEqual({
      body: { FriendlyName: "Team", "Timers.Inactive": "PT5M" },
      params: { "X-Twilio-Webhook-Enabled": "true" },
    });
  });

  it("answers a delete with 204 and no body", async () => {
    const r = await request("DELETE", `/v1/Conversations/${SID("CH")}`);
    expect(r.status).toBe(204);
    expect(r.json).toBeUndefined();
  });

  it("passes a handler's Twilio error through", async () => {
    const r = await request("GET", "/v1/Conversations/missing");
    expect(r.status).toBe(404);
    expect(r.json.message).toBe("Conversation not found");
  });

  it("answers a handler's crash with a 500 in Twilio's shape, not the crash", async () => {
    const r = await request("GET", "/v1/Conversations/boom");
    expect(r.status).toBe(500);
    expect(r.json.code).toBe(20500);
    expect(JSON.stringify(r.json)).not.toContain("fire");
  });

  it("catches a handler answering with a body that breaks the spec", async () => {
    const r = await request("POST", `/v1/Conversations/${SID("CH")}`, "FriendlyName=x");
    expect(r.status).toBe(500);
  });

  it("answers 501 for an operation the server does not implement", async () => {
    const r = await request("GET", "/v1/Credentials");
    expect(r.status).toBe(501);
    expect(r.json.status).toBe(501);
  });
});

describe("router over node:http", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(router);
  });
  afterAll(() => server.close());

  it("serves real requests with Twilio's error shape", async () => {
    const res = await fetch(`${server.url}/v1/Conversations`, {
      method: "POST",
      headers: { Authorization: "Basic YWRtaW46c2VjcmV0", "Content-Type": "application/x-www-form-urlencoded" },
      body: "State=nope",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 20001, status: 400 });
  });
});
