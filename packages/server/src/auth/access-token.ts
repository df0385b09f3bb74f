import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Twilio's access token: a JWT signed with an API key's secret (HS256/384/512), header
 * `cty: twilio-fpa;v=1`, issued by the API key (`iss`) for the account (`sub`), with
 * `grants.identity` and `grants.chat.service_sid`. Tokens made by the official helper's
 * `jwt.AccessToken` with a `ChatGrant` have exactly this shape.
 */
export type AccessTokenClaims = {
  jti: string;
  iss: string;
  sub: string;
  iat?: number;
  nbf?: number;
  exp: number;
  grants: { identity?: string; chat?: { service_sid?: string; endpoint_id?: string; push_credential_sid?: string } };
};

const ALGORITHMS = { HS256: "sha256", HS384: "sha384", HS512: "sha512" } as const;
type Algorithm = keyof typeof ALGORITHMS;

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function mintAccessToken(options: {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  identity: string;
  serviceSid?: string;
  ttlSeconds?: number;
  now?: Date;
  algorithm?: Algorithm;
}): string {
  const algorithm = options.algorithm ?? "HS256";
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const header = { typ: "JWT", alg: algorithm, cty: "twilio-fpa;v=1" };
  const claims: AccessTokenClaims = {
    jti: `${options.apiKeySid}-${iat}`,
    iss: options.apiKeySid,
    sub: options.accountSid,
    iat,
    exp: iat + (options.ttlSeconds ?? 3600),
    grants: { identity: options.identity, chat: options.serviceSid ? { service_sid: options.serviceSid } : {} },
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac(ALGORITHMS[algorithm], options.apiKeySecret).update(signingInput).digest();
  return `${signingInput}.${base64url(signature)}`;
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims; identity: string; serviceSid: string | undefined }
  | {
      ok: false;
      reason: "malformed" | "algorithm" | "unknownKey" | "signature" | "expired" | "notYetValid" | "wrongAccount" | "noIdentity";
    };

/** Decodes a token without trusting it: just enough to find the key that must have signed it. */
export function peekIssuer(token: string): string | undefined {
  try {
    const [, payload] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as { iss?: unknown };
    return typeof claims.iss === "string" ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a token against the secret of its issuing key and the account it must belong to. */
export function verifyAccessToken(token: string, key: { sid: string; secret: string; accountSid: string }, now = new Date()): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  let header: { alg?: string; cty?: string };
  let claims: AccessTokenClaims;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const hash = ALGORITHMS[header.alg as Algorithm];
  if (!hash) return { ok: false, reason: "algorithm" };
  if (claims.iss !== key.sid) return { ok: false, reason: "unknownKey" };
  const expected = createHmac(hash, key.secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature" };
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= seconds) return { ok: false, reason: "expired" };
  if (typeof claims.nbf === "number" && claims.nbf > seconds) return { ok: false, reason: "notYetValid" };
  if (claims.sub !== key.accountSid) return { ok: false, reason: "wrongAccount" };
  const identity = claims.grants?.identity;
  if (typeof identity !== "string" || identity.length === 0) return { ok: false, reason: "noIdentity" };
  return { ok: true, claims, identity, serviceSid: claims.grants.chat?.service_sid };
}
