import type { MessagingBinding, ParticipantRecord } from "../../store/index.js";
import { conversationPath, type Scope } from "./conversation.js";

export function participantPath(scope: Scope, conversationSid: string, sid: string): string {
  return `${conversationPath(scope, conversationSid)}/Participants/${sid}`;
}

/** A messaging binding as Twilio shows it: the type and only the addresses that are set. */
export function renderMessagingBinding(binding: MessagingBinding | null) {
  if (!binding) return null;
  return {
    type: binding.type,
    ...(binding.address !== null ? { address: binding.address } : {}),
    ...(binding.proxyAddress !== null ? { proxy_address: binding.proxyAddress } : {}),
    ...(binding.projectedAddress !== null ? { projected_address: binding.projectedAddress } : {}),
  };
}

/** A participant as Twilio's JSON. */
export function renderParticipant(p: ParticipantRecord, scope: Scope) {
  return {
    account_sid: p.accountSid,
    chat_service_sid: p.serviceSid,
    conversation_sid: p.conversationSid,
    sid: p.sid,
    identity: p.identity,
    attributes: p.attributes,
    messaging_binding: renderMessagingBinding(p.messagingBinding),
    role_sid: p.roleSid,
    date_created: p.dateCreated,
    date_updated: p.dateUpdated,
    url: `${scope.publicUrl}${participantPath(scope, p.conversationSid, p.sid)}`,
    last_read_message_index: p.lastReadMessageIndex,
    last_read_timestamp: p.lastReadTimestamp,
  };
}
