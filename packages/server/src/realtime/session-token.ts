import { ErrorCodes, twilioError, type TwilioErrorBody } from "@confab/protocol/server";
import { peekIssuer, verifyAccessToken } from "../auth/access-token.js";
import type { Core } from "../core/context.js";
import type { ServiceRecord } from "../store/index.js";

export type SessionIdentity = { accountSid: string; service: ServiceRecord; identity: string; expiresAt: Date };

/**
 * Checks a socket's access token as the REST API does (see auth/authenticate.ts), keeping what a
 * session needs beyond the user: when the token expires, and why it was refused.
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
