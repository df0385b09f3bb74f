import type { ConversationRecord, Page, ParticipantRecord, ServiceRecord, StoreReader, UserRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { changedFields, findConversation, type PageRequest } from "./conversations.js";
import { fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { pageParticipations } from "./participant-conversations.js";
import { requirePermission } from "./permissions.js";
import { runPreHook } from "./pre-hooks.js";
import { findUser } from "./users.js";
import { nextReadHorizon } from "./read-horizon.js";
import { isoSeconds } from "./time.js";

/** One conversation as one user sees it: the conversation, the user's participant, its unread count. */
export type UserConversation = {
  user: UserRecord;
  conversation: ConversationRecord;
  participant: ParticipantRecord;
  /** Null when the service keeps no read status. */
  unreadMessagesCount: number | null;
};

export type UserConversationUpdate = {
  notificationLevel?: ParticipantRecord["notificationLevel"];
  lastReadTimestamp?: string;
  /** `null` clears the read horizon. */
  lastReadMessageIndex?: number | null;
};

/** The admin sees every user's conversations; a user token only its own user's (403 otherwise). */
async function userFor(core: Core, actor: Actor, service: ServiceRecord, userSidOrIdentity: string): Promise<UserRecord> {
  const user = await findUser(core, actor, service, userSidOrIdentity);
  if (actor.kind === "user" && user.identity !== actor.identity) throw fail.forbidden("A user may only see its own conversations");
  return user;
}

/**
 * Messages after the read horizon: the distance to the newest message index, or, before the user
 * read anything, every message of the conversation.
 */
export async function unreadCount(
  store: StoreReader,
  service: ServiceRecord,
  conversation: ConversationRecord,
  participant: ParticipantRecord,
): Promise<number | null> {
  if (!service.readStatusEnabled) return null;
  if (participant.lastReadMessageIndex === null) return store.count("message", { parent: conversation.sid });
  return Math.max(0, (conversation.lastMessageIndex ?? -1) - participant.lastReadMessageIndex);
}

async function view(
  core: Core,
  service: ServiceRecord,
  user: UserRecord,
  conversation: ConversationRecord,
  participant: ParticipantRecord,
) {
  return { user, conversation, participant, unreadMessagesCount: await unreadCount(core.store, service, conversation, participant) };
}

/** A page of the conversations the user takes part in, oldest participation first. */
export async function listUserConversations(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  userSidOrIdentity: string,
  page: PageRequest,
): Promise<Page<UserConversation>> {
  const user = await userFor(core, actor, service, userSidOrIdentity);
  const result = await pageParticipations(core, service, { identity: user.identity }, page);
  const items: UserConversation[] = [];
  for (const p of result.items) items.push(await view(core, service, user, p.conversation, p.participant));
  return { ...result, items };
}

/** The user and its participant in the conversation (by SID or unique name); 404 when it takes no part. */
async function participationOf(core: Core, actor: Actor, service: ServiceRecord, userSidOrIdentity: string, conversationId: string) {
  const user = await userFor(core, actor, service, userSidOrIdentity);
  const conversation = await findConversation(core, actor, service, conversationId);
  const participant = await core.store.getByKey("participant", conversation.sid, user.identity);
  if (!participant) throw fail.notFound(`/Users/${userSidOrIdentity}/Conversations/${conversationId}`);
  return { user, conversation, participant };
}

export async function fetchUserConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  userSidOrIdentity: string,
  conversationId: string,
): Promise<UserConversation> {
  const { user, conversation, participant } = await participationOf(core, actor, service, userSidOrIdentity, conversationId);
  return view(core, service, user, conversation, participant);
}

/**
 * Moves the user's read horizon or changes its notification level: both live on the user's
 * participant, which is what this writes. A user token needs `editNotificationLevel` to mute.
 */
export async function updateUserConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  userSidOrIdentity: string,
  conversationId: string,
  input: UserConversationUpdate,
): Promise<UserConversation> {
  const { user, conversation, participant: current } = await participationOf(core, actor, service, userSidOrIdentity, conversationId);
  core.writeRate.take(conversation.sid);
  if (input.notificationLevel !== undefined) await requirePermission(core, actor, service, "editNotificationLevel", conversation.sid);
  const now = isoSeconds(core.now());
  const updated = await core.store.transaction(async (tx) => {
    // The horizon moves often and from several places: change the participant as it is now.
    const fresh = await tx.get("participant", current.sid);
    if (!fresh) throw fail.notFound(`/Users/${userSidOrIdentity}/Conversations/${conversationId}`);
    const next: ParticipantRecord = {
      ...fresh,
      notificationLevel: input.notificationLevel ?? fresh.notificationLevel,
      ...nextReadHorizon(fresh, input, now),
      dateUpdated: now,
    };
    await tx.update("participant", next);
    await recordEvent(
      tx,
      core,
      "participant.updated",
      { accountSid: next.accountSid, serviceSid: next.serviceSid, conversationSid: next.conversationSid },
      { participant: next, updated: changedFields(current, next) },
      actor,
    );
    return next;
  });
  await flushOutbox(core);
  return view(core, service, user, conversation, updated);
}

/** The user leaves the conversation: its participant is removed (a user token needs `leaveConversation`). */
export async function deleteUserConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  userSidOrIdentity: string,
  conversationId: string,
): Promise<void> {
  const { conversation, participant } = await participationOf(core, actor, service, userSidOrIdentity, conversationId);
  core.writeRate.take(conversation.sid);
  await requirePermission(core, actor, service, "leaveConversation", conversation.sid);
  const scope = { accountSid: participant.accountSid, serviceSid: participant.serviceSid, conversationSid: participant.conversationSid };
  await runPreHook(core, actor, "onParticipantRemove", scope, {
    ParticipantSid: participant.sid,
    Identity: participant.identity ?? "",
    Attributes: participant.attributes,
    RoleSid: participant.roleSid,
  });
  await core.store.transaction(async (tx) => {
    await tx.remove("participant", participant.sid);
    await recordEvent(tx, core, "participant.removed", scope, { participant }, actor);
  });
  await flushOutbox(core);
}
