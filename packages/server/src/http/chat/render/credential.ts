import type { CredentialRecord } from "../../../store/index.js";
import { renderCredential } from "../../render/credential.js";

/** A push credential as Chat v2's JSON: Conversations' with a `/v2` URL. */
export function renderChatCredential(c: CredentialRecord, publicUrl: string) {
  return { ...renderCredential(c, publicUrl), url: `${publicUrl}/v2/Credentials/${c.sid}` };
}
