import type { StoreReader } from "../store/index.js";

/** How many participants one read takes; a conversation has at most a configured 1000 or so. */
const BATCH = 500;

/** The identities of a conversation's chat participants (non-chat ones have no socket). */
export async function chatIdentities(store: StoreReader, conversationSid: string): Promise<string[]> {
  const identities: string[] = [];
  for (let after: number | undefined; ; ) {
    const page = await store.list("participant", { parent: conversationSid, limit: BATCH, ...(after === undefined ? {} : { after }) });
    for (const p of page.items) if (p.identity) identities.push(p.identity);
    if (!page.hasMore) return identities;
    after = page.positions.at(-1);
  }
}

/** Every other identity that shares at least one conversation with this one. */
export async function peersOf(store: StoreReader, serviceSid: string, identity: string): Promise<string[]> {
  const peers = new Set<string>();
  for (let after: number | undefined; ; ) {
    const page = await store.list("participant", {
      where: { serviceSid, identity },
      limit: BATCH,
      ...(after === undefined ? {} : { after }),
    });
    for (const own of page.items) for (const other of await chatIdentities(store, own.conversationSid)) peers.add(other);
    if (!page.hasMore) break;
    after = page.positions.at(-1);
  }
  peers.delete(identity);
  return [...peers];
}
