import type { BindingRecord } from "../../store/index.js";

/** A push binding as Twilio's JSON. */
export function renderBinding(b: BindingRecord, publicUrl: string) {
  return {
    sid: b.sid,
    account_sid: b.accountSid,
    chat_service_sid: b.serviceSid,
    credential_sid: b.credentialSid,
    date_created: b.dateCreated,
    date_updated: b.dateUpdated,
    endpoint: b.endpoint,
    identity: b.identity,
    binding_type: b.bindingType,
    message_types: b.messageTypes,
    url: `${publicUrl}/v1/Services/${b.serviceSid}/Bindings/${b.sid}`,
  };
}
