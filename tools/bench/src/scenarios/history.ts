import { seed } from "../seed/jobs.js";
import { type BenchServer, credentials } from "../server-process.js";
import { percentile, type Result } from "../stats.js";

const PAGE = 50;
const SMALL = 1000;

/**
 * History: a page of 50 messages, over REST, from a conversation of `messages` messages (a
 * million in the full run), seeded through the store in big transactions (store-seeder.ts):
 * the newest page (what a chat shows first) and a page from the middle (scrolling far back).
 * The baseline is the same requests on a conversation of 1,000 messages on the same server:
 * the figures should not depend on how long the conversation is.
 */
export async function history(server: BenchServer, messages: number, requests: number): Promise<Result[]> {
  const big = await seedConversation(server, messages);
  const small = await seedConversation(server, SMALL);
  const measure = async (sid: string, count: number) => {
    const path = `/v1/Conversations/${sid}/Messages`;
    const first = (await get(server, `${path}?PageSize=${PAGE}`)) as Listing;
    // Tokens are opaque to clients; the bench knows they carry a position, and that seeded
    // messages have consecutive positions, so it can name the page in the middle.
    const token = /PageToken=PA(\d+)/.exec(first.meta.next_page_url ?? "");
    if (!token || first.messages.length !== PAGE) throw new Error("history: the first page is not a full page with a next link");
    const middle = `${path}?PageSize=${PAGE}&PageToken=PA${Number(token[1]) - PAGE + Math.floor(count / 2)}`;
    const newest = `${path}?PageSize=${PAGE}&Order=desc`;
    const newestPage = (await get(server, newest)) as Listing;
    if (newestPage.messages[0]?.index !== count - 1) throw new Error(`history: the newest message is not index ${count - 1}`);
    const middlePage = (await get(server, middle)) as Listing;
    if (middlePage.messages[0]?.index !== Math.floor(count / 2))
      throw new Error(`history: the middle page starts at ${middlePage.messages[0]?.index}`);
    return { newest: await timeRequests(server, newest, requests), middle: await timeRequests(server, middle, requests) };
  };
  const confab = await measure(big, messages);
  const baseline = await measure(small, SMALL);
  const scenario = `history, conversation of ${messages.toLocaleString("en-US")} messages`;
  const base = (value: number) => [{ name: `same request, conversation of ${SMALL.toLocaleString("en-US")}`, value }];
  return (["newest", "middle"] as const).flatMap((which) =>
    [50, 99].map((p) => ({
      scenario,
      metric: `p${p}, ${which === "newest" ? "newest page" : "page from the middle"} of ${PAGE} (REST, ${requests} requests)`,
      unit: "ms",
      confab: percentile(confab[which], p),
      baselines: base(percentile(baseline[which], p)),
      lowerIsBetter: true,
    })),
  );
}

type Listing = { messages: { index: number }[]; meta: { next_page_url: string | null } };

async function seedConversation(server: BenchServer, count: number): Promise<string> {
  const conversation = await server.admin("POST", "/v1/Conversations", { FriendlyName: `history of ${count}` });
  const first = await server.admin("POST", `/v1/Conversations/${conversation.sid}/Messages`, { Body: "message 0", Author: "historian" });
  await seed({ type: "messages", dataDir: server.dataDir, templateMessageSid: first.sid, count });
  return conversation.sid;
}

const authorization = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;

async function get(server: BenchServer, path: string): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: authorization } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function timeRequests(server: BenchServer, path: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await get(server, path);
    samples.push(performance.now() - start);
  }
  return samples;
}
