import { webhookEventsToChat } from "../../../core/chat-names.js";
import type { ConversationWebhookRecord } from "../../../store/index.js";
import { chatChannelUrl } from "./paths.js";

/** The settings that apply to the webhook's type, as Chat v2 shows them. */
function configuration(w: ConversationWebhookRecord) {
  const retry = w.retryCount !== undefined && w.retryCount !== null ? { retry_count: w.retryCount } : {};
  if (w.target === "studio") return { flow_sid: w.flowSid, ...retry };
  return {
    url: w.url,
    method: w.method,
    filters: webhookEventsToChat(w.filters),
    ...(w.target === "trigger" ? { triggers: w.triggers } : {}),
    ...retry,
  };
}

/** A conversation-scoped webhook as a Chat v2 channel webhook. */
export function renderChatChannelWebhook(w: ConversationWebhookRecord, publicUrl: string) {
  return {
    sid: w.sid,
    account_sid: w.accountSid,
    service_sid: w.serviceSid,
    channel_sid: w.conversationSid,
    type: w.target,
    url: `${chatChannelUrl(publicUrl, w.serviceSid, w.conversationSid)}/Webhooks/${w.sid}`,
    configuration: configuration(w),
    date_created: w.dateCreated,
    date_updated: w.dateUpdated,
  };
}
