import type { RunningServer } from "../../src/index.js";
import { userToken } from "./user-token.js";

/** Who makes a request: the account (Basic auth with its Auth Token), or a user identity (access token). */
export type Caller = { account: true } | { identity: string };

export const account: Caller = { account: true };
export const asIdentity = (identity: string): Caller => ({ identity });

/** A form body; an array value repeats the field (`Permission=a&Permission=b`). */
export type Form = Record<string, string | string[]>;

export type Reply = { status: number; body: Record<string, any> };

function encode(form: Form): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params.toString();
}

/**
 * A REST request as the account or as a user of the server's default service (`X-Twilio-Token`),
 * form-encoded; resolves to the status and the parsed JSON body (`{}` for an empty one).
 */
export async function callAs(server: RunningServer, caller: Caller, method: string, path: string, form?: Form): Promise<Reply> {
  const c = server.credentials;
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if ("account" in caller) headers.Authorization = `Basic ${Buffer.from(`${c.accountSid}:${c.authToken}`).toString("base64")}`;
  else headers["X-Twilio-Token"] = userToken(server, caller.identity);
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(form ? { body: encode(form) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
