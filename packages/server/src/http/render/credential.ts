import type { CredentialRecord } from "../../store/index.js";

/** A push credential as Twilio's JSON: never its secrets, and `sandbox` as text, as Twilio writes it. */
export function renderCredential(c: CredentialRecord, publicUrl: string) {
  return {
    sid: c.sid,
    account_sid: c.accountSid,
    friendly_name: c.friendlyName,
    type: c.type,
    sandbox: c.sandbox ? "True" : "False",
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    url: `${publicUrl}/v1/Credentials/${c.sid}`,
  };
}
