import type { ConversationRecord } from "../../store/index.js";

/** Where a resource lives: under the service (`/v1/Services/IS…`) or on Twilio's global paths. */
export type Scope = { publicUrl: string; servicePath: string };

export function scopeOf(publicUrl: string, serviceSid: string | undefined): Scope {
  return { publicUrl, servicePath: serviceSid ? `/v1/Services/${serviceSid}` : "/v1" };
}

export function conversationPath(scope: Scope, sid: string): string {
  return `${scope.servicePath}/Conversations/${sid}`;
}

/** A conversation as Twilio's JSON. */
export function renderConversation(c: ConversationRecord, scope: Scope) {
  const url = `${scope.publicUrl}${conversationPath(scope, c.sid)}`;
  return {
    account_sid: c.accountSid,
    chat_service_sid: c.serviceSid,
    messaging_service_sid: c.messagingServiceSid,
    sid: c.sid,
    friendly_name: c.friendlyName,
    unique_name: c.uniqueName,
    attributes: c.attributes,
    state: c.state,
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    timers:
      c.dateInactive || c.dateClosed
        ? { ...(c.dateInactive ? { date_inactive: c.dateInactive } : {}), ...(c.dateClosed ? { date_closed: c.dateClosed } : {}) }
        : {},
    url,
    links: {
      participants: `${url}/Participants`,
      messages: `${url}/Messages`,
      webhooks: `${url}/Webhooks`,
    },
    bindings:
      c.bindingsEmailAddress || c.bindingsEmailName ? { email: { address: c.bindingsEmailAddress, name: c.bindingsEmailName } } : {},
  };
}
