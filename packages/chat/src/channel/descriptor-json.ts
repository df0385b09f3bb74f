/**
 * Confab's conversation descriptor (`ConversationDescriptors`, x-confab): what a user may see of a
 * conversation it need not take part in (a public one, or one it is invited to), with counts and
 * the user's standing. Chat's ChannelDescriptor, `getChannelBySid` of a channel the user has not
 * joined, and invites are made from it.
 */
import type { ConversationJson } from "@confab/conversations/internal";
import type { components } from "@confab/protocol";
import type { Channel } from "./channel.js";
import type { ChannelDescriptorData } from "./channel-descriptor.js";
import type { ChannelStatus } from "./types.js";

/** The descriptor resource. */
export type DescriptorJson = components["schemas"]["ConversationDescriptor"];

const STATUS: Record<string, ChannelStatus> = { joined: "joined", invited: "invited", not_participating: "notParticipating" };

/** The user's standing in Chat's words. */
export function statusOf(json: DescriptorJson): ChannelStatus {
  return STATUS[json.status ?? ""] ?? "unknown";
}

/**
 * The descriptor as the Conversation resource the core makes its objects from: the same fields
 * under the same names; what a descriptor does not carry (bindings, timers, links) is empty.
 */
export function conversationOf(json: DescriptorJson): ConversationJson {
  return {
    account_sid: json.account_sid,
    chat_service_sid: json.chat_service_sid,
    messaging_service_sid: null,
    sid: json.sid,
    friendly_name: json.friendly_name ?? null,
    unique_name: json.unique_name ?? null,
    attributes: json.attributes ?? "{}",
    state: json.state ?? "active",
    date_created: json.date_created,
    date_updated: json.date_updated,
    timers: {},
    url: json.url,
    links: {},
    bindings: null,
    type: json.type,
  } as unknown as ConversationJson;
}

/** A ChannelDescriptor's fields: the descriptor's, with the user's horizon and level from its live channel when the client holds one. */
export function descriptorDataOf(json: DescriptorJson, local: Channel | null): ChannelDescriptorData {
  return {
    sid: json.sid,
    uniqueName: json.unique_name ?? null,
    friendlyName: json.friendly_name ?? null,
    attributes: json.attributes ?? null,
    createdBy: json.created_by ?? null,
    dateCreated: json.date_created ?? null,
    dateUpdated: json.date_updated ?? null,
    messagesCount: json.messages_count,
    membersCount: json.members_count,
    lastConsumedMessageIndex: local?.lastConsumedMessageIndex ?? null,
    // A listing may leave the caller's standing out (null): the client's own view of the channel says it.
    status: json.status ? statusOf(json) : (local?.status ?? "notParticipating"),
    type: json.type,
    notificationLevel: local?.notificationLevel ?? "default",
  };
}
