import { mintAccessToken } from "../../src/auth/access-token.js";
import type { RunningServer } from "../../src/index.js";

/** An access token for `identity` in the server's default service, signed with its API key. */
export function userToken(server: RunningServer, identity: string, overrides: Partial<Parameters<typeof mintAccessToken>[0]> = {}): string {
  const c = server.credentials;
  return mintAccessToken({
    accountSid: c.accountSid,
    apiKeySid: c.apiKeySid,
    apiKeySecret: c.apiKeySecret,
    identity,
    serviceSid: c.serviceSid,
    ...overrides,
  });
}

/**
 * A REST request as a user of the server's default service (form-encoded, `X-Twilio-Token`);
 * resolves to the status and the parsed JSON body (undefined for 204).
 */
export async function fetchAsUser(server: RunningServer, identity: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { "X-Twilio-Token": userToken(server, identity), "Content-Type": "application/x-www-form-urlencoded" },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}
