import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a temporary content URL works. */
export const TEMPORARY_URL_SECONDS = 300;

function signature(secret: string, mediaSid: string, expires: number): string {
  return createHmac("sha256", secret).update(`${mediaSid}:${expires}`).digest("base64url");
}

/** A content URL that works without credentials until it expires (for `<img src>`). */
export function temporaryContentUrl(contentUrl: string, secret: string, mediaSid: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + TEMPORARY_URL_SECONDS;
  return `${contentUrl}?Expires=${expires}&Signature=${signature(secret, mediaSid, expires)}`;
}

export function validTemporarySignature(secret: string, mediaSid: string, expires: number, given: string, now: Date): boolean {
  if (expires < Math.floor(now.getTime() / 1000)) return false;
  const expected = Buffer.from(signature(secret, mediaSid, expires));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
