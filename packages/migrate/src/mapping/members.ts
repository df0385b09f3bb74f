/**
 * The Chat → Conversations member mapping (REPORT.md §5.2, §5.4, §5.5 and the IP Messaging
 * columns), by the kind of object the member belongs to. A member maps either to a new name
 * (`to`) or to a removal with advice (`removed`); a few renames also carry a note for the reader.
 */
import type { ChatKind } from "./kinds.js";

/** What happens to one member of a Chat object. */
export type MemberRule =
  | {
      readonly to: string;
      readonly note?: string;
      /** The note asks for a change: the new member behaves differently. */
      readonly manual?: true;
    }
  | { readonly removed: string; readonly instead?: string };

type Table = Readonly<Record<string, MemberRule>>;

const NULL_WHEN_MISSING = "this now resolves to null when there is no such participant (Chat rejected): check for null";

const client: Table = {
  getChannelBySid: { to: "getConversationBySid" },
  getChannelByUniqueName: { to: "getConversationByUniqueName" },
  getSubscribedChannels: { to: "getSubscribedConversations" },
  createChannel: { to: "createConversation" },
  getUserDescriptor: { to: "getUser", note: "getUserDescriptor() was removed: getUser() returns a live, subscribed User" },
  getLocalChannels: {
    removed:
      "getLocalChannels() was removed: use getSubscribedConversations() and sort the items yourself (Confab also takes an `order` option)",
  },
  getPublicChannelDescriptors: {
    removed:
      "getPublicChannelDescriptors() was removed: Conversations has no public channel directory. Keep a list of joinable conversations in your backend (REST API) and add the user with conversation.add(), or use peekConversationBySid() for one you know",
  },
  getUserChannelDescriptors: {
    removed: "getUserChannelDescriptors() was removed: use getSubscribedConversations(), which lists every conversation the user is in",
  },
  putPushNotificationPayload: { to: "handlePushNotification" },
  // IP Messaging 0.10
  getChannels: {
    to: "getSubscribedConversations",
    note: "getChannels() returned an array; getSubscribedConversations() returns a Paginator (read .items, follow nextPage())",
    manual: true,
  },
  userInfo: { to: "user" },
  initialize: {
    removed:
      "initialize() was removed: a Client connects as soon as it is constructed; wait for its `initialized` event (or `initFailed`) instead",
  },
  channels: {
    removed:
      "the `channels` Map was removed: call getSubscribedConversations() and keep your own map from the conversationAdded/conversationRemoved events",
  },
  accessManager: {
    removed:
      "the AccessManager was removed: pass the token string to the Client and call client.updateToken(newToken) on tokenAboutToExpire",
  },
};

const channel: Table = {
  advanceLastConsumedMessageIndex: { to: "advanceLastReadMessageIndex" },
  getMembers: { to: "getParticipants" },
  getMembersCount: { to: "getParticipantsCount" },
  getMemberBySid: { to: "getParticipantBySid", note: NULL_WHEN_MISSING },
  getMemberByIdentity: { to: "getParticipantByIdentity", note: NULL_WHEN_MISSING },
  removeMember: { to: "removeParticipant" },
  getUnconsumedMessagesCount: { to: "getUnreadMessagesCount" },
  setAllMessagesConsumed: { to: "setAllMessagesRead" },
  setNoMessagesConsumed: { to: "setAllMessagesUnread" },
  updateLastConsumedMessageIndex: { to: "updateLastReadMessageIndex" },
  lastConsumedMessageIndex: { to: "lastReadMessageIndex" },
  getMessagesPaged: { to: "getMessages" },
  invite: {
    removed: "invite() was removed: Conversations has no invitations",
    instead: "instead, add the user directly with conversation.add(identity), or send them a message through your backend",
  },
  decline: {
    removed: "decline() was removed: Conversations has no invitations",
    instead: "instead, a user who does not want a conversation leaves it with conversation.leave()",
  },
  getUserDescriptors: {
    removed: "getUserDescriptors() was removed: use getParticipants() and participant.getUser() for each",
  },
  isPrivate: {
    removed: "`isPrivate` was removed: every conversation is visible only to its participants",
  },
  type: {
    removed: "`type` (public/private) was removed: every conversation is visible only to its participants",
  },
  links: { removed: "`links` was removed from the public API" },
  members: {
    removed: "the `members` Map was removed: call getParticipants() (and keep a map from the participantJoined/participantLeft events)",
  },
  messages: { removed: "the `messages` array was removed: call getMessages(), which returns a Paginator" },
};

const member: Table = {
  channel: { to: "conversation" },
  lastConsumedMessageIndex: { to: "lastReadMessageIndex" },
  lastConsumptionTimestamp: { to: "lastReadTimestamp" },
  getUserDescriptor: { to: "getUser", note: "getUserDescriptor() was removed: getUser() returns a live, subscribed User" },
  userInfo: { removed: "`userInfo` was removed: call participant.getUser()" },
};

const message: Table = {
  channel: { to: "conversation" },
  memberSid: { to: "participantSid" },
  getMember: { to: "getParticipant" },
  // IP Messaging 0.10
  timestamp: { to: "dateCreated" },
};

const user: Table = {
  online: { to: "isOnline" },
  notifiable: { to: "isNotifiable" },
};

const userDescriptor: Table = {
  ...user,
  subscribe: { removed: "UserDescriptor.subscribe() was removed: client.getUser(identity) already returns a subscribed User" },
};

const channelDescriptor: Table = {
  getChannel: {
    removed:
      "ChannelDescriptor was removed: fetch the conversation itself with client.getConversationBySid(sid) or peekConversationBySid(sid)",
  },
  lastConsumedMessageIndex: { to: "lastReadMessageIndex" },
  membersCount: { removed: "ChannelDescriptor.membersCount was removed: use conversation.getParticipantsCount()" },
  messagesCount: { removed: "ChannelDescriptor.messagesCount was removed: use conversation.getMessagesCount()" },
};

/** The member tables, by the kind of object. */
export const MEMBERS: Readonly<Record<ChatKind, Table>> = {
  Client: client,
  Channel: channel,
  Member: member,
  Message: message,
  User: user,
  UserDescriptor: userDescriptor,
  ChannelDescriptor: channelDescriptor,
};

/**
 * Members whose names exist only in Chat, so a call of them on an object of unknown type
 * (no typings) is taken to be Chat's. Names that Conversations or everyday objects also have
 * (`channel`, `online`, `type`, `invite`…) need a receiver whose name says what it is.
 */
export const DISTINCTIVE: Readonly<Record<string, ChatKind>> = {
  getChannelBySid: "Client",
  getChannelByUniqueName: "Client",
  getSubscribedChannels: "Client",
  createChannel: "Client",
  getLocalChannels: "Client",
  getPublicChannelDescriptors: "Client",
  getUserChannelDescriptors: "Client",
  putPushNotificationPayload: "Client",
  advanceLastConsumedMessageIndex: "Channel",
  getMembers: "Channel",
  getMembersCount: "Channel",
  getMemberBySid: "Channel",
  getMemberByIdentity: "Channel",
  removeMember: "Channel",
  getUnconsumedMessagesCount: "Channel",
  setAllMessagesConsumed: "Channel",
  setNoMessagesConsumed: "Channel",
  updateLastConsumedMessageIndex: "Channel",
  getMessagesPaged: "Channel",
  getUserDescriptors: "Channel",
  lastConsumedMessageIndex: "Channel",
  getUserDescriptor: "Client",
  lastConsumptionTimestamp: "Member",
  memberSid: "Message",
  getMember: "Message",
};

/** Receiver names that tell what an untyped object is, for the names that are not distinctive. */
export const NAME_HINTS: ReadonlyArray<readonly [RegExp, ChatKind]> = [
  [/client$/i, "Client"],
  [/(channel|chan|room|conversation|conv)$/i, "Channel"],
  [/(member|participant|typist)$/i, "Member"],
  [/(message|msg)$/i, "Message"],
  [/(user|userinfo)$/i, "User"],
  [/descriptor$/i, "ChannelDescriptor"],
];
