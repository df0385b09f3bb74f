import { ErrorCodes, twilioError, type TwilioErrorBody } from "@confab/protocol/server";
import { peekIssuer, verifyAccessToken } from "./access-token.js";
import type { Actor, Core } from "../core/context.js";
import type { ServiceRecord } from "../store/index.js";

export type SessionIdentity = { accountSid: string; service: ServiceRecord; identity: string; expiresAt: Date };

/**
 * Checks an access token: signed by a known API key, unexpired, for a service of that key's
 * account. Resolves who it speaks for and when it expires, or why it was refused (Twilio's
 * 20101/20104). REST requests and both sockets authenticate users with it.
 */
export async function verifySessionToken(core: Core, token: string): Promise<SessionIdentity | { error: TwilioErrorBody }> {
  const denied = (code: number, message: string) => ({ error: twilioError(401, code, message) });
  const issuer = peekIssuer(token);
  const key = issuer ? await core.store.get("apiKey", issuer) : null;
  if (!key) return denied(ErrorCodes.invalidAccessToken, "Invalid Access Token");
  const check = verifyAccessToken(token, key, core.now());
  if (!check.ok) {
    return check.reason === "expired"
      ? denied(ErrorCodes.accessTokenExpired, "Access Token expired or expiration date invalid")
      : denied(ErrorCodes.invalidAccessToken, "Invalid Access Token");
  }
  const serviceSid = check.serviceSid ?? (await core.store.get("configuration", key.accountSid))?.defaultChatServiceSid;
  const service = serviceSid ? await core.store.get("service", serviceSid) : null;
  if (!service || service.accountSid !== key.accountSid)
    return denied(ErrorCodes.invalidAccessToken, "Invalid Access Token: unknown service");
  return { accountSid: key.accountSid, service, identity: check.identity, expiresAt: new Date(check.claims.exp * 1000) };
}

/** The actor a verified token acts as. */
export function userActor(who: SessionIdentity): Extract<Actor, { kind: "user" }> {
  return { kind: "user", accountSid: who.accountSid, serviceSid: who.service.sid, identity: who.identity };
}
