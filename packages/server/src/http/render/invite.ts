import type { InviteRecord } from "../../store/index.js";
import { conversationPath, type Scope } from "./conversation.js";

/** An invite as Confab's JSON (Chat's Invite, with Conversations' names for the service and conversation). */
export function renderInvite(i: InviteRecord, scope: Scope) {
  return {
    account_sid: i.accountSid,
    chat_service_sid: i.serviceSid,
    conversation_sid: i.conversationSid,
    sid: i.sid,
    identity: i.identity,
    role_sid: i.roleSid,
    created_by: i.createdBy,
    date_created: i.dateCreated,
    date_updated: i.dateUpdated,
    url: `${scope.publicUrl}${conversationPath(scope, i.conversationSid)}/Invites/${i.sid}`,
  };
}
