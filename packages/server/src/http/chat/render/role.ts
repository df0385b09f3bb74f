import { permissionsToChatNames, roleTypeToChat } from "../../../core/chat-names.js";
import type { RoleRecord } from "../../../store/index.js";
import { chatServiceUrl } from "./paths.js";

/** A role with Chat's type and permission names. */
export function renderChatRole(r: RoleRecord, publicUrl: string) {
  return {
    sid: r.sid,
    account_sid: r.accountSid,
    service_sid: r.serviceSid,
    friendly_name: r.friendlyName,
    type: roleTypeToChat(r.type),
    permissions: permissionsToChatNames(r.permissions),
    date_created: r.dateCreated,
    date_updated: r.dateUpdated,
    url: `${chatServiceUrl(publicUrl, r.serviceSid)}/Roles/${r.sid}`,
  };
}
