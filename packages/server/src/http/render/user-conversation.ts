import type { UserConversation } from "../../core/user-conversations.js";
import type { Scope } from "./conversation.js";
import { participationLinks, renderTimers, viewState } from "./participant-conversation.js";
import { userPath } from "./user.js";

/** A user's view of a conversation as Twilio's UserConversation JSON. */
export function renderUserConversation(v: UserConversation, scope: Scope) {
  const { user, conversation: c, participant: p } = v;
  return {
    account_sid: c.accountSid,
    chat_service_sid: c.serviceSid,
    conversation_sid: c.sid,
    unread_messages_count: v.unreadMessagesCount,
    last_read_message_index: p.lastReadMessageIndex,
    participant_sid: p.sid,
    user_sid: user.sid,
    friendly_name: c.friendlyName,
    conversation_state: viewState(c.state),
    timers: renderTimers(c),
    attributes: c.attributes,
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    created_by: c.createdBy ?? null,
    notification_level: p.notificationLevel,
    unique_name: c.uniqueName,
    url: `${scope.publicUrl}${userPath(scope, user.sid)}/Conversations/${c.sid}`,
    links: participationLinks(scope, c.sid, p.sid),
    last_message:
      c.lastMessageIndex === null || c.lastMessageDate === null ? null : { index: c.lastMessageIndex, date_created: c.lastMessageDate },
  };
}
