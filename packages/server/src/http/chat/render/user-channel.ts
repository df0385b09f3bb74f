import type { Standing } from "../../../core/channels.js";
import type { UserConversation } from "../../../core/user-conversations.js";
import type { ConversationRecord, UserRecord } from "../../../store/index.js";
import { chatChannelUrl, chatUserUrl } from "./paths.js";

/** One channel as one user sees it (a member of it: `joined`). */
export function renderChatUserChannel(v: UserConversation, publicUrl: string) {
  const { user, conversation, participant } = v;
  const channelUrl = chatChannelUrl(publicUrl, conversation.serviceSid, conversation.sid);
  return {
    account_sid: user.accountSid,
    service_sid: user.serviceSid,
    channel_sid: conversation.sid,
    user_sid: user.sid,
    member_sid: participant.sid,
    status: "joined" as const,
    last_consumed_message_index: participant.lastReadMessageIndex,
    unread_messages_count: v.unreadMessagesCount,
    links: { channel: channelUrl, member: `${channelUrl}/Members/${participant.sid}` },
    url: `${chatUserUrl(publicUrl, user.serviceSid, user.sid)}/Channels/${conversation.sid}`,
    notification_level: participant.notificationLevel,
  };
}

/** A channel the user is not a member of but may see: invited to it, or a public one. */
export function renderChatUserChannelStanding(
  user: UserRecord,
  conversation: ConversationRecord,
  status: Exclude<Standing, "joined">,
  publicUrl: string,
) {
  return {
    account_sid: user.accountSid,
    service_sid: user.serviceSid,
    channel_sid: conversation.sid,
    user_sid: user.sid,
    member_sid: null,
    status,
    last_consumed_message_index: null,
    unread_messages_count: null,
    links: { channel: chatChannelUrl(publicUrl, conversation.serviceSid, conversation.sid) },
    url: `${chatUserUrl(publicUrl, user.serviceSid, user.sid)}/Channels/${conversation.sid}`,
    notification_level: null,
  };
}
