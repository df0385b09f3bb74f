import type { RunningServer } from "../../../src/index.js";
import { callAs } from "../../support/as-user.js";
import { account } from "../../support/as-user.js";
import type { SidPool } from "./rest-inputs.js";

/** The identity the fuzzers act as when they use a user token; a participant of the pool's conversation. */
export const FUZZ_USER = "fuzz-user";

/**
 * Creates one resource of each kind the REST fuzzer can name (a conversation with a participant
 * and a message, a user, a role, a service, a credential, an address configuration) and returns
 * their SIDs by prefix, so generated inputs reach real resources as well as unknown ones.
 */
export async function seedPool(server: RunningServer): Promise<SidPool> {
  const create = async (path: string, form: Record<string, string | string[]>) => {
    const reply = await callAs(server, account, "POST", path, form);
    if (reply.status !== 201) throw new Error(`Seeding ${path} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body as { sid: string };
  };
  const conversation = await create("/v1/Conversations", { FriendlyName: "fuzz", UniqueName: "fuzz-room" });
  const participant = await create(`/v1/Conversations/${conversation.sid}/Participants`, { Identity: FUZZ_USER });
  const message = await create(`/v1/Conversations/${conversation.sid}/Messages`, { Body: "seed", Author: FUZZ_USER });
  const user = await create("/v1/Users", { Identity: "fuzz-other" });
  const role = await create("/v1/Roles", {
    FriendlyName: "fuzz-role",
    Type: "conversation",
    Permission: ["sendMessage", "leaveConversation"],
  });
  const service = await create("/v1/Services", { FriendlyName: "fuzz-service" });
  const credential = await create("/v1/Credentials", { Type: "fcm", Secret: "fuzz-secret" });
  const address = await create("/v1/Configuration/Addresses", { Type: "sms", Address: "+15550001111" });
  return {
    CH: [conversation.sid, "fuzz-room"],
    MB: [participant.sid],
    IM: [message.sid],
    US: [user.sid, "fuzz-other"],
    RL: [role.sid],
    IS: [server.credentials.serviceSid, service.sid],
    CR: [credential.sid],
    IG: [address.sid],
  };
}

/** Resource kinds a rejected write must leave alone. */
const COUNTED = [
  "service",
  "role",
  "user",
  "conversation",
  "participant",
  "message",
  "receipt",
  "conversationWebhook",
  "credential",
  "binding",
  "addressConfiguration",
  "media",
] as const;

/** How many records of each resource kind the store holds. */
export async function storeCounts(server: RunningServer): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const kind of COUNTED) counts[kind] = await server.core.store.count(kind, {});
  return counts;
}

/** Throws unless `GET /health` answers 200: the server is alive and serving. */
export async function assertAlive(url: string): Promise<void> {
  const res = await fetch(`${url}/health`);
  if (res.status !== 200) throw new Error(`The server is not healthy: ${res.status}`);
  await res.arrayBuffer();
}
