import { Client } from "@confab/conversations";
import { Client as TwilioClient } from "@twilio/conversations";
import { RealtimeClient, type WebSocketConstructor } from "@confab/protocol/socket";
import WebSocket from "ws";
import { Membership } from "../seed/membership.js";
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
 * cursor of a previous run); and the same for the official `@twilio/conversations` 3.0.1 through
 * the twilsock gateway (cold: it keeps no cache in Node). The baseline is the bare protocol doing
 * the same fetches: a socket handshake and every page of the user's conversations, with no
 * objects built. The user's conversations are seeded through the store (seed/membership.ts).
 */
export async function initialize(server: BenchServer, conversations: number): Promise<Result[]> {
  const identity = `busy-${conversations}`;
  const membership = new Membership(server);
  const sids = await membership.conversations(conversations, "c");
  await membership.members(sids.map((conversationSid) => ({ conversationSid, identity })));
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
  const official = await startOfficial(server, identity);

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
  const base = [{ name: "bare protocol, same fetches", value: baseline }];
  return [
    {
      scenario,
      metric: "new Client → initialized + first page (cold)",
      unit: "ms",
      confab: cold,
      baselines: base,
      lowerIsBetter: true,
      target: "< 300 ms",
    },
    { scenario, metric: "same, with the cached list (warm)", unit: "ms", confab: warm, baselines: base, lowerIsBetter: true },
    {
      scenario,
      metric: "official @twilio/conversations 3.0.1 through the twilsock gateway (cold)",
      unit: "ms",
      confab: official,
      baselines: [...base, { name: "@confab/conversations, native socket, cold", value: cold }],
      lowerIsBetter: true,
    },
  ];
}

/** The unmodified official SDK, pointed at Confab's twilsock gateway: `new Client` → `initialized` + first page. */
async function startOfficial(server: BenchServer, identity: string): Promise<number> {
  const began = performance.now();
  const client = new TwilioClient(server.token(identity), { Twilsock: { uri: `ws://127.0.0.1:${server.port}/v3/wsconnect` } } as never);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the official SDK did not initialize within 60 s")), 60_000);
      client.once("initialized", () => {
        clearTimeout(timer);
        resolve();
      });
      client.once("initFailed", ({ error }) => reject(new Error(error?.message ?? "initFailed")));
    });
    const page = await client.getSubscribedConversations();
    const elapsed = performance.now() - began;
    if (page.items.length === 0) throw new Error("the official SDK's first page of subscribed conversations is empty");
    return elapsed;
  } finally {
    await client.shutdown();
  }
}
