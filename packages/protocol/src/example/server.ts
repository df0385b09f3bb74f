/**
 * An example of the server stub at work: a small in-memory server for a few Conversations and
 * Messages operations. It shows how a server implements the generated handler interface; the
 * real server is @confab/server. Every other operation answers 501.
 *
 *   node dist/example/server.js [--port 4000]
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { ConfabApiError, ErrorCodes, twilioError } from "../rest/errors.js";
import type { ResponseOf } from "../rest/types.js";
import { toNodeListener } from "../server/adapters.js";
import { createRouter } from "../server/router.js";

type Conversation = ResponseOf<"FetchConversation">;
type Message = ResponseOf<"FetchConversationMessage">;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const sid = (prefix: string) => `${prefix}${hex(16)}`;

export function createExampleServer(options: { publicUrl: string; accountSid: string; authToken: string }) {
  const serviceSid = sid("IS");
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, Message[]>();
  const started = Date.now();
  const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;

  const find = (key: string): Conversation => {
    const found = conversations.get(key) ?? [...conversations.values()].find((c) => c.unique_name === key);
    if (!found)
      throw new ConfabApiError(twilioError(404, ErrorCodes.notFound, `The requested resource /Conversations/${key} was not found`));
    return found;
  };

  const page = <T>(items: T[], key: string, path: string, size = 50, index = 0) => {
    const link = (p: number) => `${options.publicUrl}${path}?PageSize=${size}&Page=${p}`;
    const slice = items.slice(index * size, (index + 1) * size);
    return {
      [key]: slice,
      meta: {
        page: index,
        page_size: size,
        first_page_url: link(0),
        previous_page_url: index > 0 ? link(index - 1) : null,
        url: link(index),
        next_page_url: (index + 1) * size < items.length ? link(index + 1) : null,
        key,
      },
    };
  };

  return createRouter<true>({
    authenticate: async (request) => (request.headers.authorization === expected ? true : null),
    handlers: {
      async FetchHealth() {
        return { status: "ok", version: "example", uptime_seconds: (Date.now() - started) / 1000 };
      },
      async ListConversation({ params }) {
        return page([...conversations.values()], "conversations", "/v1/Conversations", params.PageSize, params.Page) as never;
      },
      async CreateConversation({ body }) {
        if (body.UniqueName && [...conversations.values()].some((c) => c.unique_name === body.UniqueName)) {
          throw new ConfabApiError(twilioError(409, 50353, `Conversation with provided unique name ${body.UniqueName} already exists`));
        }
        const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        const conversationSid = sid("CH");
        const url = `${options.publicUrl}/v1/Conversations/${conversationSid}`;
        const created: Conversation = {
          account_sid: options.accountSid,
          chat_service_sid: serviceSid,
          messaging_service_sid: null,
          sid: conversationSid,
          friendly_name: body.FriendlyName ?? null,
          unique_name: body.UniqueName ?? null,
          attributes: body.Attributes ?? "{}",
          state: body.State ?? "active",
          date_created: now,
          date_updated: now,
          timers: {},
          url,
          links: { participants: `${url}/Participants`, messages: `${url}/Messages`, webhooks: `${url}/Webhooks` },
          bindings: null,
        };
        conversations.set(conversationSid, created);
        messages.set(conversationSid, []);
        return created;
      },
      async FetchConversation({ params }) {
        return find(params.Sid);
      },
      async UpdateConversation({ params, body }) {
        const current = find(params.Sid);
        const updated: Conversation = {
          ...current,
          friendly_name: body.FriendlyName ?? current.friendly_name,
          attributes: body.Attributes ?? current.attributes,
          state: body.State ?? current.state,
          date_updated: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        };
        conversations.set(current.sid as string, updated);
        return updated;
      },
      async DeleteConversation({ params }) {
        const current = find(params.Sid);
        conversations.delete(current.sid as string);
        messages.delete(current.sid as string);
        return undefined;
      },
      async ListConversationMessage({ params }) {
        const conversation = find(params.ConversationSid);
        const list = [...(messages.get(conversation.sid as string) ?? [])];
        if (params.Order === "desc") list.reverse();
        return page(list, "messages", `/v1/Conversations/${conversation.sid}/Messages`, params.PageSize, params.Page) as never;
      },
      async CreateConversationMessage({ params, body }) {
        const conversation = find(params.ConversationSid);
        const list = messages.get(conversation.sid as string) ?? [];
        const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        const messageSid = sid("IM");
        const message = {
          account_sid: options.accountSid,
          chat_service_sid: serviceSid,
          conversation_sid: conversation.sid,
          sid: messageSid,
          index: list.length,
          author: body.Author ?? "system",
          body: body.Body ?? null,
          media: null,
          attributes: body.Attributes ?? "{}",
          participant_sid: null,
          date_created: now,
          date_updated: now,
          url: `${conversation.url}/Messages/${messageSid}`,
          delivery: null,
          links: {},
          content_sid: null,
        } as unknown as Message;
        list.push(message);
        return message;
      },
    },
  });
}

async function main(): Promise<void> {
  const portArg = process.argv.indexOf("--port");
  const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.CONFAB_PORT ?? 4000));
  const publicUrl = `http://127.0.0.1:${port}`;
  const accountSid = process.env.CONFAB_ACCOUNT_SID ?? sid("AC");
  const authToken = process.env.CONFAB_AUTH_TOKEN ?? hex(16);
  const server = createServer(toNodeListener(createExampleServer({ publicUrl, accountSid, authToken })));
  server.listen(port, "127.0.0.1", () => {
    console.log(`Confab protocol example server on ${publicUrl}
  (an in-memory example of the generated server stub; the full server is @confab/server)
  Account SID: ${accountSid}
  Auth Token:  ${authToken}
  Try: curl -u ${accountSid}:${authToken} -d FriendlyName=Hello ${publicUrl}/v1/Conversations`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void main();
}
