/**
 * Update reasons renamed at the edge: the core speaks Conversations ("lastReadMessageIndex",
 * "reachabilityOnline"…), Chat apps expect Chat's names. Reasons Chat does not have are dropped.
 */
import type {
  ConversationUpdateReason,
  MessageUpdateReason as CoreMessageReason,
  ParticipantUpdateReason,
  UserUpdateReason as CoreUserReason,
} from "@confab/conversations/internal";
import type { ChannelUpdateReason } from "./channel/types.js";
import type { MemberUpdateReason } from "./member/member.js";
import type { MessageUpdateReason } from "./message/message.js";
import type { UserUpdateReason } from "./user/user.js";

function rename<From extends string, To extends string>(table: Partial<Record<From, To>>) {
  return (reasons: readonly From[]): To[] => reasons.flatMap((reason) => (table[reason] ? [table[reason] as To] : []));
}

/** Conversation → Channel ("lastReadMessageIndex" → "lastConsumedMessageIndex"; no "bindings"). */
export const channelReasons = rename<ConversationUpdateReason, ChannelUpdateReason>({
  attributes: "attributes",
  createdBy: "createdBy",
  dateCreated: "dateCreated",
  dateUpdated: "dateUpdated",
  friendlyName: "friendlyName",
  lastReadMessageIndex: "lastConsumedMessageIndex",
  state: "state",
  status: "status",
  uniqueName: "uniqueName",
  lastMessage: "lastMessage",
  notificationLevel: "notificationLevel",
});

/** Participant → Member (read horizon → consumption horizon; no "bindings"). */
export const memberReasons = rename<ParticipantUpdateReason, MemberUpdateReason>({
  attributes: "attributes",
  dateCreated: "dateCreated",
  dateUpdated: "dateUpdated",
  roleSid: "roleSid",
  lastReadMessageIndex: "lastConsumedMessageIndex",
  lastReadTimestamp: "lastConsumptionTimestamp",
});

/** Message → Message (Chat has no delivery receipts, subjects or media changes). */
export const messageReasons = rename<CoreMessageReason, MessageUpdateReason>({
  body: "body",
  lastUpdatedBy: "lastUpdatedBy",
  dateCreated: "dateCreated",
  dateUpdated: "dateUpdated",
  attributes: "attributes",
  author: "author",
});

/** User → User ("reachabilityOnline" → "online", "reachabilityNotifiable" → "notifiable"). */
export const userReasons = rename<CoreUserReason, UserUpdateReason>({
  friendlyName: "friendlyName",
  attributes: "attributes",
  reachabilityOnline: "online",
  reachabilityNotifiable: "notifiable",
});
