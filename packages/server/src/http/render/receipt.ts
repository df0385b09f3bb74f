import type { ReceiptRecord } from "../../store/index.js";
import type { Scope } from "./conversation.js";
import { messagePath } from "./message.js";

/** A delivery receipt as Twilio's JSON. */
export function renderReceipt(r: ReceiptRecord, scope: Scope) {
  return {
    account_sid: r.accountSid,
    chat_service_sid: r.serviceSid,
    conversation_sid: r.conversationSid,
    message_sid: r.messageSid,
    sid: r.sid,
    channel_message_sid: r.channelMessageSid,
    participant_sid: r.participantSid,
    status: r.status,
    // Twilio's schema has no null here: 0 means no error.
    error_code: r.errorCode ?? 0,
    date_created: r.dateCreated,
    date_updated: r.dateUpdated,
    url: `${scope.publicUrl}${messagePath(scope, r.conversationSid, r.messageSid)}/Receipts/${r.sid}`,
  };
}
