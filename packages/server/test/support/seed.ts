/**
 * Writes records straight into a test server's store, for tests that need participants or
 * messages without going through those resources' REST operations.
 */
import { newSid, SidPrefix } from "../../src/core/ids.js";
import { isoSeconds } from "../../src/core/time.js";
import type { RunningServer } from "../../src/index.js";
import type { MessageRecord, ParticipantRecord, UserRecord } from "../../src/store/index.js";

/** Adds a participant to a conversation: a chat one (`identity`) or a non-chat one (`address`). */
export async function seedParticipant(
  server: RunningServer,
  conversationSid: string,
  who: { identity: string } | { address: string; proxyAddress?: string },
  fields: Partial<ParticipantRecord> = {},
): Promise<ParticipantRecord> {
  const conversation = await server.core.store.get("conversation", conversationSid);
  if (!conversation) throw new Error(`No conversation ${conversationSid}`);
  const service = await server.core.store.get("service", conversation.serviceSid);
  const stamp = isoSeconds(new Date());
  const record: ParticipantRecord = {
    sid: newSid(SidPrefix.participant),
    accountSid: conversation.accountSid,
    serviceSid: conversation.serviceSid,
    conversationSid,
    identity: "identity" in who ? who.identity : null,
    attributes: "{}",
    messagingBinding:
      "address" in who ? { type: "sms", address: who.address, proxyAddress: who.proxyAddress ?? null, projectedAddress: null } : null,
    roleSid: service?.defaultConversationRoleSid ?? "",
    lastReadMessageIndex: null,
    lastReadTimestamp: null,
    notificationLevel: "default",
    dateCreated: stamp,
    dateUpdated: stamp,
    ...fields,
  };
  await server.core.store.transaction((tx) => tx.insert("participant", record));
  return record;
}

/** Makes sure the service has a user of this identity (as adding a chat participant does). */
export async function seedUser(server: RunningServer, serviceSid: string, identity: string): Promise<UserRecord> {
  const existing = await server.core.store.getByKey("user", serviceSid, identity);
  if (existing) return existing;
  const service = await server.core.store.get("service", serviceSid);
  if (!service) throw new Error(`No service ${serviceSid}`);
  const stamp = isoSeconds(new Date());
  const user: UserRecord = {
    sid: newSid(SidPrefix.user),
    accountSid: service.accountSid,
    serviceSid,
    identity,
    friendlyName: null,
    attributes: "{}",
    roleSid: service.defaultChatServiceRoleSid,
    isOnline: null,
    isNotifiable: null,
    dateCreated: stamp,
    dateUpdated: stamp,
  };
  await server.core.store.transaction((tx) => tx.insert("user", user));
  return user;
}

/** Adds `count` messages to a conversation and moves its newest-message index, as sending does. */
export async function seedMessages(server: RunningServer, conversationSid: string, count: number): Promise<MessageRecord[]> {
  return server.core.store.transaction(async (tx) => {
    const conversation = await tx.get("conversation", conversationSid);
    if (!conversation) throw new Error(`No conversation ${conversationSid}`);
    const out: MessageRecord[] = [];
    for (let i = 0; i < count; i++) {
      const stamp = isoSeconds(new Date());
      out.push(
        await tx.insert("message", {
          sid: newSid(SidPrefix.message),
          accountSid: conversation.accountSid,
          serviceSid: conversation.serviceSid,
          conversationSid,
          index: 0,
          author: "system",
          participantSid: null,
          body: `message ${i}`,
          attributes: "{}",
          media: null,
          contentSid: null,
          subject: null,
          idempotencyKey: null,
          dateCreated: stamp,
          dateUpdated: stamp,
        }),
      );
    }
    const last = out.at(-1);
    if (last) await tx.update("conversation", { ...conversation, lastMessageIndex: last.index, lastMessageDate: last.dateCreated });
    return out;
  });
}
