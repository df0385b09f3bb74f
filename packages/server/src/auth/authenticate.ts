import { timingSafeEqual } from "node:crypto";
import type { RouterRequest } from "@confab/protocol/server";
import type { Actor, Core } from "../core/context.js";
import { userActor, verifySessionToken } from "./session-token.js";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who is calling. HTTP Basic with the Account SID and Auth Token, or an API key SID and secret,
 * is the account (admin). An access token (`X-Twilio-Token`, or `Authorization: Bearer`) is a
 * user of the token's service, or of the account's default service when the token names none.
 * Anything else, or anything invalid, is nobody (null → 401).
 */
export async function authenticate(core: Core, request: RouterRequest): Promise<Actor | null> {
  const authorization = request.headers.authorization ?? "";
  if (authorization.startsWith("Basic ")) {
    const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (username.startsWith("AC")) {
      const account = await core.store.get("account", username);
      return account && sameSecret(account.authToken, password) ? { kind: "admin", accountSid: account.sid } : null;
    }
    if (username.startsWith("SK")) {
      const key = await core.store.get("apiKey", username);
      return key && sameSecret(key.secret, password) ? { kind: "admin", accountSid: key.accountSid } : null;
    }
    return null;
  }
  const token = request.headers["x-twilio-token"] ?? (authorization.startsWith("Bearer ") ? authorization.slice(7) : undefined);
  if (!token) return null;
  return userFromToken(core, token);
}

/** The user an access token speaks for, or null when the token is not valid here. */
export async function userFromToken(core: Core, token: string): Promise<Actor | null> {
  const checked = await verifySessionToken(core, token);
  return "error" in checked ? null : userActor(checked);
}
