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
