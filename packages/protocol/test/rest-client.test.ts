import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestClient } from "../src/client/rest-client.js";
import { ConfabApiError } from "../src/rest/errors.js";
import { createRouter } from "../src/server/router.js";
import { conversationFixture, sid } from "./support/fixtures.js";
import { serve } from "./support/http-server.js";

const TOTAL = 7;
let baseUrl = "";
const authSeen: string[] = [];

const conversation = (n: number) => conversationFixture(n, {}, baseUrl);
const SID = sid;

const router = createRouter<string>({
  validateResponses: true,
  authenticate: async (request) => {
    const header = request.headers.authorization ?? "";
    authSeen.push(header);
    return header === `Basic ${btoa("AC1:token")}` || header === "Bearer user-token" ? header : null;
  },
  handlers: {
    async ListConversation({ params }) {
      const size = params.PageSize ?? 50;
      const index = params.PageToken ? Number(params.PageToken) : 0;
      const items = Array.from({ length: TOTAL }, (_, i) => conversation(i)).slice(index * size, (index + 1) * size);
      const link = (p: number) => `${baseUrl}/v1/Conversations?PageSize=${size}&Page=${p}&PageToken=${p}`;
      const hasNext = (index + 1) * size < TOTAL;
      return {
        conversations: items,
        meta: {
          page: index,
          page_size: size,
          first_page_url: link(0),
          previous_page_url: index > 0 ? link(index - 1) : null,
          url: link(index),
          next_page_url: hasNext ? link(index + 1) : null,
          key: "conversations",
        },
      };
    },
    async CreateConversation({ body }) {
      return { ...conversation(99), friendly_name: body.FriendlyName ?? null, attributes: body.Attributes ?? "{}" };
    },
    async DeleteConversation() {
      return undefined;
    },
  },
});

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve(router);
  baseUrl = server.url;
});
afterAll(() => server.close());

describe("REST client", () => {
  it("follows next_page_url through every page", async () => {
    const client = createRestClient({ baseUrl, auth: { username: "AC1", password: "token" } });
    const sids: string[] = [];
    for await (const c of client.paginate("ListConversation", { params: { PageSize: 3 } })) sids.push(c.sid);
    expect(sids).toEqual(Array.from({ length: TOTAL }, (_, i) => SID("CH", i)));

    const pageSizes: number[] = [];
    for await (const page of client.pages("ListConversation", { params: { PageSize: 3 } })) pageSizes.push(page.conversations.length);
    expect(pageSizes).toEqual([3, 3, 1]);
  });

  it("sends form fields, nested ones as dotted keys, and types the answer", async () => {
    const client = createRestClient({ baseUrl, auth: { username: "AC1", password: "token" } });
    const created = await client.request("CreateConversation", {
      body: { FriendlyName: "Team", Attributes: JSON.stringify({ topic: "x" }), Timers: { Inactive: "PT5M" } },
    });
    expect(created.friendly_name).toBe("Team");
    expect(created.attributes).toBe('{"topic":"x"}');
  });

  it("resolves undefined for 204", async () => {
    const client = createRestClient({ baseUrl, auth: { username: "AC1", password: "token" } });
    await expect(client.request("DeleteConversation", { params: { Sid: SID("CH") } })).resolves.toBeUndefined();
  });

  it("uses a bearer token, asking the token function before each request", async () => {
    let calls = 0;
    const client = createRestClient({
      baseUrl,
      auth: {
        token: () => {
          calls++;
          return "user-token";
        },
      },
    });
    await client.request("ListConversation", { params: { PageSize: 1 } });
    expect(calls).toBe(1);
    expect(authSeen.at(-1)).toBe("Bearer user-token");
  });

  it("throws ConfabApiError with Twilio's fields on an error answer", async () => {
    const client = createRestClient({ baseUrl, auth: { username: "AC1", password: "wrong" } });
    const error = await client.request("ListConversation").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfabApiError);
    expect(error).toMatchObject({ status: 401, code: 20003, moreInfo: "https://www.twilio.com/docs/errors/20003" });

    const admin = createRestClient({ baseUrl, auth: { username: "AC1", password: "token" } });
    await expect(admin.request("CreateConversation", { body: { State: "nope" as never } })).rejects.toMatchObject({
      status: 400,
      code: 20001,
    });
  });

  it("refuses to build a request with a missing path parameter", async () => {
    const client = createRestClient({ baseUrl });
    await expect(client.request("FetchConversation", { params: {} as never })).rejects.toThrow(/Missing path parameter Sid/);
  });

  it("gives up on a server that does not answer within the timeout", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    const client = createRestClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    await expect(client.request("ListConversation")).rejects.toThrow();
    silent.closeAllConnections();
    silent.close();
  });
});
