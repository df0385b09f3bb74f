import type { RoleRecord } from "../../store/index.js";
import type { Scope } from "./conversation.js";

/** A role as Twilio's JSON. */
export function renderRole(r: RoleRecord, scope: Scope) {
  return {
    sid: r.sid,
    account_sid: r.accountSid,
    chat_service_sid: r.serviceSid,
    friendly_name: r.friendlyName,
    type: r.type,
    permissions: r.permissions,
    date_created: r.dateCreated,
    date_updated: r.dateUpdated,
    url: `${scope.publicUrl}${scope.servicePath}/Roles/${r.sid}`,
  };
}
