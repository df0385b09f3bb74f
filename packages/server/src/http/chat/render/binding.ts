import type { BindingRecord } from "../../../store/index.js";
import { chatServiceUrl, chatUserUrl } from "./paths.js";

function fields(b: BindingRecord) {
  return {
    sid: b.sid,
    account_sid: b.accountSid,
    service_sid: b.serviceSid,
    date_created: b.dateCreated,
    date_updated: b.dateUpdated,
    endpoint: b.endpoint,
    identity: b.identity,
    credential_sid: b.credentialSid,
    binding_type: b.bindingType,
    message_types: b.messageTypes,
  };
}

/** A push binding as Chat v2's service-level JSON; `userSid` is its identity's user, when there is one. */
export function renderChatBinding(b: BindingRecord, userSid: string | null, publicUrl: string) {
  return {
    ...fields(b),
    url: `${chatServiceUrl(publicUrl, b.serviceSid)}/Bindings/${b.sid}`,
    links: (userSid ? { user: chatUserUrl(publicUrl, b.serviceSid, userSid) } : {}) as Record<string, string>,
  };
}

/** A push binding as one user's (Chat v2 `Users/{UserSid}/Bindings`). */
export function renderChatUserBinding(b: BindingRecord, userSid: string, publicUrl: string) {
  return { ...fields(b), user_sid: userSid, url: `${chatUserUrl(publicUrl, b.serviceSid, userSid)}/Bindings/${b.sid}` };
}
