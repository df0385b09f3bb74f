import { renderMessagingBinding } from "./participant.js";
import type { ConversationRecord } from "../../store/index.js";
import type { ParticipantConversation } from "../../core/participant-conversations.js";
import { conversationPath, type Scope } from "./conversation.js";

/**
 * The states a user's or participant's view of a conversation shows: Twilio's enum there has no
 * `initializing`, and a conversation still being set up is not yet active.
 */
export function viewState(state: ConversationRecord["state"]): "inactive" | "active" | "closed" {
  return state === "initializing" ? "inactive" : state;
}

/** A conversation's timers as Twilio shows them: only those that are set. */
export function renderTimers(c: ConversationRecord) {
  return {
    ...(c.dateInactive ? { date_inactive: c.dateInactive } : {}),
    ...(c.dateClosed ? { date_closed: c.dateClosed } : {}),
  };
}

/** `participant` and `conversation` links of a participation. */
export function participationLinks(scope: Scope, conversationSid: string, participantSid: string) {
  const conversation = `${scope.publicUrl}${conversationPath(scope, conversationSid)}`;
  return { participant: `${conversation}/Participants/${participantSid}`, conversation };
}

/** A participation as Twilio's ParticipantConversation JSON (it has no `url` of its own). */
export function renderParticipantConversation(p: ParticipantConversation, scope: Scope) {
  const { participant, conversation } = p;
  return {
    account_sid: conversation.accountSid,
    chat_service_sid: conversation.serviceSid,
    participant_sid: participant.sid,
    participant_user_sid: p.userSid,
    participant_identity: participant.identity,
    participant_messaging_binding: renderMessagingBinding(participant.messagingBinding),
    conversation_sid: conversation.sid,
    conversation_unique_name: conversation.uniqueName,
    conversation_friendly_name: conversation.friendlyName,
    conversation_attributes: conversation.attributes,
    conversation_date_created: conversation.dateCreated,
    conversation_date_updated: conversation.dateUpdated,
    conversation_created_by: conversation.createdBy ?? null,
    conversation_state: viewState(conversation.state),
    conversation_timers: renderTimers(conversation),
    links: participationLinks(scope, conversation.sid, participant.sid),
  };
}
