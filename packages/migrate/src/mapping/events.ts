/**
 * Event names, Chat → Conversations (REPORT.md §5.3, §5.4), by the kind of emitter, and the
 * string values that changed (update reasons, push notification types).
 */
import type { ChatKind } from "./kinds.js";

/** What happens to one event. */
export type EventRule = { readonly to: string; readonly payload?: PayloadRename; readonly note?: string } | { readonly removed: string };

/** A payload object's key that was renamed (`{channel, updateReasons}` → `{conversation, …}`). */
export interface PayloadRename {
  readonly from: string;
  readonly to: string;
}

const invited = "channelInvited was removed: Conversations has no invitations; a user added to a conversation gets conversationJoined";

const client: Readonly<Record<string, EventRule>> = {
  channelAdded: { to: "conversationAdded" },
  channelJoined: { to: "conversationJoined" },
  channelLeft: { to: "conversationLeft" },
  channelRemoved: { to: "conversationRemoved" },
  channelUpdated: { to: "conversationUpdated", payload: { from: "channel", to: "conversation" } },
  channelInvited: { removed: invited },
  memberJoined: { to: "participantJoined" },
  memberLeft: { to: "participantLeft" },
  memberUpdated: { to: "participantUpdated", payload: { from: "member", to: "participant" } },
  // IP Messaging 0.10
  userInfoUpdated: {
    to: "userUpdated",
    note: "IP Messaging's userInfoUpdated passed the UserInfo; userUpdated passes { user, updateReasons }: update the listener",
  },
};

const channel: Readonly<Record<string, EventRule>> = {
  memberJoined: { to: "participantJoined" },
  memberLeft: { to: "participantLeft" },
  memberUpdated: { to: "participantUpdated", payload: { from: "member", to: "participant" } },
  memberInfoUpdated: { removed: "memberInfoUpdated was removed: listen to userUpdated on the participant's User (participant.getUser())" },
  updated: { to: "updated", payload: { from: "channel", to: "conversation" } },
};

const member: Readonly<Record<string, EventRule>> = {
  updated: { to: "updated", payload: { from: "member", to: "participant" } },
  userInfoUpdated: { removed: "userInfoUpdated was removed: listen to `updated` on participant.getUser()" },
};

/** Events by emitter kind. */
export const EVENTS: Readonly<Partial<Record<ChatKind, Readonly<Record<string, EventRule>>>>> = {
  Client: client,
  Channel: channel,
  Member: member,
};

/** Event names that are Chat's whatever emits them: used on emitters of unknown type. */
export const DISTINCTIVE_EVENTS: Readonly<Record<string, EventRule>> = {
  ...client,
  memberInfoUpdated: channel.memberInfoUpdated!,
};

/** The methods that take an event name first. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  "on",
  "once",
  "off",
  "addListener",
  "removeListener",
  "prependListener",
  "prependOnceListener",
  "removeAllListeners",
  "listenerCount",
  "listeners",
  "onWithReplay",
  "onceWithReplay",
  "emit",
]);

/** Update reasons that were renamed (`updateReasons.includes("lastConsumedMessageIndex")`). */
export const UPDATE_REASONS: Readonly<Record<string, string>> = {
  lastConsumedMessageIndex: "lastReadMessageIndex",
  lastConsumptionTimestamp: "lastReadTimestamp",
  online: "reachabilityOnline",
  notifiable: "reachabilityNotifiable",
};

/** Push notification types (`notification.type === "twilio.channel.new_message"`). */
export const PUSH_TYPES: Readonly<Record<string, string>> = {
  "twilio.channel.new_message": "twilio.conversations.new_message",
  "twilio.channel.added_to_channel": "twilio.conversations.added_to_conversation",
  "twilio.channel.removed_from_channel": "twilio.conversations.removed_from_conversation",
};

/** Push types with no Conversations equivalent. */
export const REMOVED_PUSH_TYPES: Readonly<Record<string, string>> = {
  "twilio.channel.invited_to_channel": "the invited_to_channel push was removed: Conversations has no invitations",
};
