import { Client } from "@confab/conversations";
import { RealtimeClient, type WebSocketConstructor } from "@confab/protocol/socket";
import WebSocket from "ws";
import type { BenchServer } from "../server-process.js";
import type { Result } from "../stats.js";

const WS = WebSocket as unknown as WebSocketConstructor;

/** A storage kept across clients in this process, like a browser's localStorage across page loads. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/**
 * Start-up of a user in many conversations: from `new Client(token)` to `initialized` plus the
 * first page of subscribed conversations, cold (nothing cached) and warm (the cached list and
 * cursor of a previous run). The baseline is the bare protocol doing the same fetches: a socket
 * handshake and every page of the user's conversations, with no objects built.
 */
export async function initialize(server: BenchServer, conversations: number): Promise<Result[]> {
  const identity = `busy-${conversations}`;
  for (let i = 0; i < conversations; i++) {
    const conversation = await server.admin("POST", "/v1/Conversations", { FriendlyName: `c${i}` });
    await server.admin("POST", `/v1/Conversations/${conversation.sid}/Participants`, { Identity: identity });
  }
  const storage = memoryStorage();
  const start = async () => {
    const began = performance.now();
    const client = new Client(server.token(identity), { server: server.url, WebSocket: WebSocket as never, storage });
    await new Promise<void>((resolve, reject) => {
      client.once("initialized", () => resolve());
      client.once("initFailed", ({ error }) => reject(new Error(error?.message ?? "initFailed")));
    });
    const page = await client.getSubscribedConversations();
    const elapsed = performance.now() - began;
    if (page.items.length === 0) throw new Error("the first page of subscribed conversations is empty");
    await client.shutdown();
    return elapsed;
  };
  const cold = await start();
  const warm = await start();

  const began = performance.now();
  const bare = new RealtimeClient({ url: `ws://127.0.0.1:${server.port}/v1/socket`, token: server.token(identity), WebSocket: WS });
  const welcome = await new Promise<{ chat_service_sid: string }>((r) => bare.once("welcome", r));
  let pageToken: string | undefined;
  let fetched = 0;
  do {
    const page = await bare.request("ListServiceUserConversation", {
      params: {
        ChatServiceSid: welcome.chat_service_sid,
        UserSid: identity,
        PageSize: 100,
        ...(pageToken ? { PageToken: pageToken } : {}),
      },
    });
    fetched += page.conversations.length;
    pageToken = page.meta.next_page_url ? (new URL(page.meta.next_page_url).searchParams.get("PageToken") ?? undefined) : undefined;
  } while (pageToken);
  const baseline = performance.now() - began;
  await bare.disconnect();
  if (fetched !== conversations) throw new Error(`the bare protocol listed ${fetched} of ${conversations} conversations`);

  const scenario = `start-up, user in ${conversations} conversations`;
  const base = { name: "bare protocol, same fetches", value: baseline };
  return [
    {
      scenario,
      metric: "new Client → initialized + first page (cold)",
      unit: "ms",
      confab: cold,
      baseline: base,
      lowerIsBetter: true,
      target: "< 300 ms",
    },
    { scenario, metric: "same, with the cached list (warm)", unit: "ms", confab: warm, baseline: base, lowerIsBetter: true },
  ];
}
