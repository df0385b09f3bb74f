import { parseAttributes } from "../util/json.js";
import type { ConversationEntity, ConversationJson, ConversationState, ConversationUserState, UserConversationJson } from "./types.js";

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function stateOf(current: string | null | undefined, updated: string | null | undefined): ConversationState | undefined {
  if (current !== "active" && current !== "inactive" && current !== "closed") return undefined;
  return { current, dateUpdated: date(updated) ?? new Date(0) };
}

/** The shared fields from a Conversation resource (which does not say who created it). */
export function entityFromConversation(json: ConversationJson, createdBy: string): ConversationEntity {
  const email = json.bindings?.email;
  return {
    uniqueName: json.unique_name ?? null,
    friendlyName: json.friendly_name ?? null,
    attributes: parseAttributes(json.attributes, `conversation ${json.sid}`),
    dateCreated: date(json.date_created),
    dateUpdated: date(json.date_updated),
    createdBy,
    state: stateOf(json.state, json.date_updated),
    bindings: email?.address ? { email: { projected_address: email.address, ...(email.name ? { name: email.name } : {}) } } : {},
  };
}

/** The shared fields from a UserConversation resource (bindings are not in it: kept from before). */
export function entityFromUserConversation(json: UserConversationJson, previous: ConversationEntity | null): ConversationEntity {
  return {
    uniqueName: json.unique_name ?? null,
    friendlyName: json.friendly_name ?? null,
    attributes: parseAttributes(json.attributes, `conversation ${json.conversation_sid}`),
    dateCreated: date(json.date_created),
    dateUpdated: date(json.date_updated),
    createdBy: json.created_by ?? previous?.createdBy ?? "",
    state: stateOf(json.conversation_state, json.date_updated),
    bindings: previous?.bindings ?? {},
  };
}

/** This user's view from a UserConversation resource. */
export function userStateFrom(json: UserConversationJson, previous: ConversationUserState | null): ConversationUserState {
  const last = json.last_message;
  return {
    status: "joined",
    participantSid: json.participant_sid,
    lastReadMessageIndex: json.last_read_message_index ?? null,
    notificationLevel: json.notification_level === "muted" ? "muted" : "default",
    lastMessage:
      last === undefined
        ? previous?.lastMessage
        : last === null
          ? undefined
          : { index: last.index, dateCreated: new Date(last.date_created) },
    // Never null for a participant: with no read horizon every message is unread.
    unreadMessagesCount: json.unread_messages_count ?? previous?.unreadMessagesCount ?? null,
  };
}
