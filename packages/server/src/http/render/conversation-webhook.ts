import type { ConversationWebhookRecord } from "../../store/index.js";
import { conversationPath, type Scope } from "./conversation.js";

/** The settings that apply to the webhook's target, as Twilio shows them (methods in lower case). */
function renderConfiguration(w: ConversationWebhookRecord) {
  if (w.target === "studio") return { flow_sid: w.flowSid, ...(w.replayAfter !== null ? { replay_after: w.replayAfter } : {}) };
  return {
    url: w.url,
    method: w.method.toLowerCase(),
    filters: w.filters,
    ...(w.target === "trigger" ? { triggers: w.triggers } : {}),
  };
}

/** A conversation-scoped webhook as Twilio's JSON. */
export function renderConversationWebhook(w: ConversationWebhookRecord, scope: Scope) {
  return {
    sid: w.sid,
    account_sid: w.accountSid,
    chat_service_sid: w.serviceSid,
    conversation_sid: w.conversationSid,
    target: w.target,
    url: `${scope.publicUrl}${conversationPath(scope, w.conversationSid)}/Webhooks/${w.sid}`,
    configuration: renderConfiguration(w),
    date_created: w.dateCreated,
    date_updated: w.dateUpdated,
  };
}
