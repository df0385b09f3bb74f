import { createHmac } from "node:crypto";

/**
 * Twilio's `X-Twilio-Signature`: HMAC-SHA1, keyed with the account's Auth Token, over the URL
 * followed by every POST parameter name and value, sorted by name (a repeated parameter's values
 * sorted too), in base64. For GET the parameters are in the URL and the list is empty.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name] as string | string[];
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += name + v;
  }
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf-8")).digest("base64");
}
