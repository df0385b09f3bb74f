/**
 * Chat v2 names for what Conversations v1 calls otherwise. A Chat v2 role, service webhook filter
 * or role type is the same record as the Conversations one, written and read with Chat's words:
 * these translate both ways (permission names through chat-permissions.ts). A name both APIs share
 * (`sendMessage`, `onMessageUpdated`) or that only one of them has passes through unchanged.
 */
import type { RoleRecord } from "../store/index.js";
import { fromChatPermission, toChatPermission } from "./chat-permissions.js";
import { fail } from "./errors.js";

/** Conversations v1's names for Chat permissions (the role store keeps those). */
export function permissionsFromChatNames(names: readonly string[]): string[] {
  return names.map(fromChatPermission);
}

/** Chat's names for stored permissions. */
export function permissionsToChatNames(names: readonly string[]): string[] {
  return names.map(toChatPermission);
}

/** Chat's role types: a `deployment` role is a service role, a `channel` role a conversation role. */
export type ChatRoleType = "channel" | "deployment";

/** The stored role type of a Chat role type. */
export function roleTypeFromChat(type: ChatRoleType): RoleRecord["type"] {
  return type === "channel" ? "conversation" : "service";
}

/** The Chat role type of a stored role type. */
export function roleTypeToChat(type: RoleRecord["type"]): ChatRoleType {
  return type === "conversation" ? "channel" : "deployment";
}

/** Chat webhook event → Conversations webhook event. */
const eventsFromChat: Readonly<Record<string, string>> = {
  onMessageSend: "onMessageAdd",
  onMessageSent: "onMessageAdded",
  onMessageUpdate: "onMessageUpdate",
  onMessageUpdated: "onMessageUpdated",
  onMessageRemove: "onMessageRemove",
  onMessageRemoved: "onMessageRemoved",
  onChannelAdd: "onConversationAdd",
  onChannelAdded: "onConversationAdded",
  onChannelUpdate: "onConversationUpdate",
  onChannelUpdated: "onConversationUpdated",
  onChannelDestroy: "onConversationRemove",
  onChannelDestroyed: "onConversationRemoved",
  onMemberAdd: "onParticipantAdd",
  onMemberAdded: "onParticipantAdded",
  onMemberUpdate: "onParticipantUpdate",
  onMemberUpdated: "onParticipantUpdated",
  onMemberRemove: "onParticipantRemove",
  onMemberRemoved: "onParticipantRemoved",
  onUserAdded: "onUserAdded",
  onUserUpdate: "onUserUpdate",
  onUserUpdated: "onUserUpdated",
};

const eventsToChat: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(eventsFromChat).map(([chat, conversations]) => [conversations, chat]),
);

/** The stored (Conversations) names of Chat webhook events; an event Confab does not send is a 400. */
export function webhookEventsFromChat(names: readonly string[], parameter = "WebhookFilters"): string[] {
  const unknown = names.filter((name) => !(name in eventsFromChat));
  if (unknown.length > 0) {
    throw fail.invalid(`${parameter} ${unknown.map((n) => `'${n}'`).join(", ")} is not a Chat webhook event Confab sends`);
  }
  return names.map((name) => eventsFromChat[name] as string);
}

/** Chat's names for stored webhook filters (events Chat has no name for keep Conversations'). */
export function webhookEventsToChat(names: readonly string[]): string[] {
  return names.map((name) => eventsToChat[name] ?? name);
}
