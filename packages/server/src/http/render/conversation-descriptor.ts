import type { ConversationDescriptor, Standing } from "../../core/channels.js";
import { typeOf } from "../../core/conversations.js";
import { conversationPath, type Scope } from "./conversation.js";

/** Chat's names for a user's standing (`not_participating` as the REST APIs spell it). */
const standingNames: Record<Standing, "joined" | "invited" | "not_participating"> = {
  joined: "joined",
  invited: "invited",
  notParticipating: "not_participating",
};

/** A conversation descriptor as Confab's JSON; `viewer`: how the caller stands towards it (none for the account or a directory listing). */
export function renderConversationDescriptor(
  d: ConversationDescriptor,
  scope: Scope,
  viewer?: { standing: Standing; inviteSid: string | null },
) {
  const c = d.conversation;
  return {
    account_sid: c.accountSid,
    chat_service_sid: c.serviceSid,
    sid: c.sid,
    friendly_name: c.friendlyName,
    unique_name: c.uniqueName,
    attributes: c.attributes,
    type: typeOf(c),
    created_by: c.createdBy ?? null,
    state: c.state,
    members_count: d.membersCount,
    messages_count: d.messagesCount,
    status: viewer ? standingNames[viewer.standing] : null,
    invite_sid: viewer?.inviteSid ?? null,
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    url: `${scope.publicUrl}${conversationPath(scope, c.sid)}`,
  };
}
