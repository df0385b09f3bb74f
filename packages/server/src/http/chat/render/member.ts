import type { ParticipantRecord } from "../../../store/index.js";
import { chatChannelUrl } from "./paths.js";

/** A chat participant as a Chat v2 member: its read horizon is the consumption horizon. */
export function renderChatMember(p: ParticipantRecord, publicUrl: string) {
  return {
    sid: p.sid,
    account_sid: p.accountSid,
    channel_sid: p.conversationSid,
    service_sid: p.serviceSid,
    identity: p.identity,
    date_created: p.dateCreated,
    date_updated: p.dateUpdated,
    role_sid: p.roleSid,
    last_consumed_message_index: p.lastReadMessageIndex,
    last_consumption_timestamp: p.lastReadTimestamp,
    url: `${chatChannelUrl(publicUrl, p.serviceSid, p.conversationSid)}/Members/${p.sid}`,
    attributes: p.attributes,
  };
}
