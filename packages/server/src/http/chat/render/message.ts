import type { MessageRecord } from "../../../store/index.js";
import { chatChannelUrl } from "./paths.js";

/** A message as Chat v2's JSON: `from` the author, `to` the channel, `type` media or text. */
export function renderChatMessage(m: MessageRecord, publicUrl: string) {
  const media = m.media?.[0];
  return {
    sid: m.sid,
    account_sid: m.accountSid,
    attributes: m.attributes,
    service_sid: m.serviceSid,
    to: m.conversationSid,
    channel_sid: m.conversationSid,
    date_created: m.dateCreated,
    date_updated: m.dateUpdated,
    last_updated_by: m.lastUpdatedBy ?? null,
    was_edited: m.edited ?? false,
    from: m.author,
    body: m.body,
    index: m.index,
    type: media ? "media" : "text",
    media: media ? { sid: media.sid, size: media.size, content_type: media.contentType, filename: media.filename } : null,
    url: `${chatChannelUrl(publicUrl, m.serviceSid, m.conversationSid)}/Messages/${m.sid}`,
  };
}
