import { typeOf } from "../../../core/conversations.js";
import type { ConversationRecord } from "../../../store/index.js";
import { chatChannelUrl } from "./paths.js";

/** What a channel counts: its members and its messages. */
export type ChannelCounts = { members: number; messages: number };

/** A conversation as a Chat v2 channel. */
export function renderChatChannel(c: ConversationRecord, counts: ChannelCounts, publicUrl: string) {
  const url = chatChannelUrl(publicUrl, c.serviceSid, c.sid);
  return {
    sid: c.sid,
    account_sid: c.accountSid,
    service_sid: c.serviceSid,
    friendly_name: c.friendlyName,
    unique_name: c.uniqueName,
    attributes: c.attributes,
    type: typeOf(c),
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    created_by: c.createdBy ?? "system",
    members_count: counts.members,
    messages_count: counts.messages,
    url,
    links: {
      members: `${url}/Members`,
      messages: `${url}/Messages`,
      invites: `${url}/Invites`,
      webhooks: `${url}/Webhooks`,
    },
  };
}
