import type { UserRecord } from "../../store/index.js";
import type { Scope } from "./conversation.js";

export function userPath(scope: Scope, sid: string): string {
  return `${scope.servicePath}/Users/${sid}`;
}

/** A user as Twilio's JSON; reachability is whatever the domain worked out (null when unknown). */
export function renderUser(u: UserRecord, scope: Scope) {
  const url = `${scope.publicUrl}${userPath(scope, u.sid)}`;
  return {
    sid: u.sid,
    account_sid: u.accountSid,
    chat_service_sid: u.serviceSid,
    role_sid: u.roleSid,
    identity: u.identity,
    friendly_name: u.friendlyName,
    attributes: u.attributes,
    is_online: u.isOnline,
    is_notifiable: u.isNotifiable,
    date_created: u.dateCreated,
    date_updated: u.dateUpdated,
    url,
    links: { user_conversations: `${url}/Conversations` },
  };
}
