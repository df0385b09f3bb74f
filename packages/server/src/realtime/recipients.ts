import { eachRecord, type StoreReader } from "../store/index.js";

/** The identities of a conversation's chat participants (non-chat ones have no socket). */
export async function chatIdentities(store: StoreReader, conversationSid: string): Promise<string[]> {
  const identities: string[] = [];
  for await (const p of eachRecord(store, "participant", { parent: conversationSid })) if (p.identity) identities.push(p.identity);
  return identities;
}

/** Every other identity that shares at least one conversation with this one. */
export async function peersOf(store: StoreReader, serviceSid: string, identity: string): Promise<string[]> {
  const peers = new Set<string>();
  for await (const own of eachRecord(store, "participant", { where: { serviceSid, identity } })) {
    for (const other of await chatIdentities(store, own.conversationSid)) peers.add(other);
  }
  peers.delete(identity);
  return [...peers];
}

/** The identities invited to a conversation: they see its descriptor, so they hear of its changes. */
export async function inviteeIdentities(store: StoreReader, conversationSid: string): Promise<string[]> {
  const identities: string[] = [];
  for await (const i of eachRecord(store, "invite", { parent: conversationSid })) identities.push(i.identity);
  return identities;
}
