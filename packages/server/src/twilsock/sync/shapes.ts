import type { DeliverySummary } from "../../core/messages.js";
import { typeOf } from "../../core/conversations.js";
import type { ConversationRecord, InviteRecord, MessageRecord, ParticipantRecord, UserRecord } from "../../store/index.js";
import { uniqueNameOf } from "./names.js";

/*
 * The data of Sync documents and items as the official SDKs read them (camelCase, attributes as
 * JSON strings), made from Confab's records. One function per shape, used both for reads and
 * for the events that change them.
 */

export function conversationDocument(c: ConversationRecord) {
  return {
    friendlyName: c.friendlyName,
    uniqueName: c.uniqueName,
    attributes: c.attributes,
    createdBy: c.createdBy ?? "",
    type: typeOf(c),
    dateCreated: c.dateCreated,
    dateUpdated: c.dateUpdated,
    ...(c.lastMessageIndex !== null ? { lastMessage: { index: c.lastMessageIndex, timestamp: c.lastMessageDate } } : {}),
    state: { current: c.state === "initializing" ? "active" : c.state, dateUpdated: c.dateInactive ?? c.dateClosed ?? c.dateUpdated },
    messages: uniqueNameOf({ type: "list", kind: "messages", conversationSid: c.sid }),
    roster: uniqueNameOf({ type: "map", kind: "roster", conversationSid: c.sid }),
  };
}

/** A message as a list item; `delivery` is its receipts' summary, when a channel reported any. */
export function messageItem(m: MessageRecord, delivery: DeliverySummary | null = null) {
  return {
    sid: m.sid,
    text: m.body ?? "",
    author: m.author,
    subject: m.subject,
    contentSid: m.contentSid,
    attributes: m.attributes,
    timestamp: m.dateCreated,
    dateUpdated: m.dateUpdated,
    lastUpdatedBy: null,
    type: m.media && m.media.length > 0 ? "media" : "text",
    memberSid: m.participantSid,
    ...(delivery ? { delivery } : {}),
    ...(m.media && m.media.length > 0 ? mediaFields(m.media) : {}),
  };
}

export function rosterItem(p: ParticipantRecord, userSid: string | null) {
  return {
    identity: p.identity,
    attributes: p.attributes,
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    roleSid: p.roleSid,
    lastConsumedMessageIndex: p.lastReadMessageIndex,
    lastConsumptionTimestamp: p.lastReadTimestamp,
    type: p.messagingBinding?.type && p.messagingBinding.type !== "chat" ? p.messagingBinding.type : "chat",
    ...(userSid ? { userInfo: uniqueNameOf({ type: "map", kind: "userInfo", userSid }) } : {}),
  };
}

/** A conversation the user takes part in, as its conversations map (and Chat's channels map) holds it; `conversation` adds the type Chat reads. */
export function myConversationItem(p: ParticipantRecord, conversation?: ConversationRecord | null) {
  return {
    status: "joined",
    notificationLevel: p.notificationLevel,
    lastConsumedMessageIndex: p.lastReadMessageIndex,
    ...syncNamesOf(p.conversationSid),
    ...(conversation ? { type: typeOf(conversation) } : {}),
  };
}

/** A conversation the user is invited to, as Chat's channels map holds it (Chat emits `channelInvited` for it). */
export function invitedItem(i: InviteRecord, conversation: ConversationRecord) {
  return {
    status: "invited",
    notificationLevel: "default",
    lastConsumedMessageIndex: null,
    type: typeOf(conversation),
    ...syncNamesOf(i.conversationSid),
  };
}

function syncNamesOf(conversationSid: string) {
  return {
    channel: uniqueNameOf({ type: "document", kind: "conversation", conversationSid }),
    messages: uniqueNameOf({ type: "list", kind: "messages", conversationSid }),
    roster: uniqueNameOf({ type: "map", kind: "roster", conversationSid }),
  };
}

/** A user info map's items, by key. */
export function userInfoItems(u: UserRecord): Record<string, unknown> {
  return {
    friendlyName: { value: u.friendlyName ?? "" },
    attributes: { value: u.attributes },
    reachability: { online: u.isOnline ?? false, notifiable: u.isNotifiable ?? false },
  };
}

/** Attachments as both SDK generations read them: `medias` (Conversations), and `media`, the first one (Chat). */
function mediaFields(media: NonNullable<MessageRecord["media"]>) {
  const medias = media.map((x) => ({ sid: x.sid, category: x.category, filename: x.filename, contentType: x.contentType, size: x.size }));
  return { medias, media: medias[0] };
}
