import type { InviteRecord } from "../../../store/index.js";
import { chatChannelUrl } from "./paths.js";

/** An invite as Chat v2's JSON; `created_by` is `system` when the account sent it. */
export function renderChatInvite(i: InviteRecord, publicUrl: string) {
  return {
    sid: i.sid,
    account_sid: i.accountSid,
    channel_sid: i.conversationSid,
    service_sid: i.serviceSid,
    identity: i.identity,
    date_created: i.dateCreated,
    date_updated: i.dateUpdated,
    role_sid: i.roleSid,
    created_by: i.createdBy ?? "system",
    url: `${chatChannelUrl(publicUrl, i.serviceSid, i.conversationSid)}/Invites/${i.sid}`,
  };
}
