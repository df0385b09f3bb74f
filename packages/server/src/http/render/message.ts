import type { DeliverySummary } from "../../core/messages.js";
import type { MessageRecord } from "../../store/index.js";
import { conversationPath, type Scope } from "./conversation.js";

export function messagePath(scope: Scope, conversationSid: string, sid: string): string {
  return `${conversationPath(scope, conversationSid)}/Messages/${sid}`;
}

/** A message as Twilio's JSON; `delivery` is the summary of its receipts (null without any). */
export function renderMessage(m: MessageRecord, delivery: DeliverySummary | null, scope: Scope) {
  const url = `${scope.publicUrl}${messagePath(scope, m.conversationSid, m.sid)}`;
  return {
    account_sid: m.accountSid,
    chat_service_sid: m.serviceSid,
    conversation_sid: m.conversationSid,
    sid: m.sid,
    index: m.index,
    author: m.author,
    body: m.body,
    media: m.media
      ? m.media.map((media) => ({
          sid: media.sid,
          content_type: media.contentType,
          filename: media.filename,
          size: media.size,
          category: media.category,
        }))
      : null,
    attributes: m.attributes,
    participant_sid: m.participantSid,
    date_created: m.dateCreated,
    date_updated: m.dateUpdated,
    url,
    delivery,
    links: {
      delivery_receipts: `${url}/Receipts`,
      channel_metadata: `${url}/ChannelMetadata`,
    },
    content_sid: m.contentSid,
  };
}
