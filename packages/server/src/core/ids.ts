import { randomBytes } from "node:crypto";

/** A new SID: two letters naming the kind of object, then 32 random hex digits (Twilio's shape). */
export function newSid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

/** SID prefixes by kind, as Twilio uses them. */
export const SidPrefix = {
  account: "AC",
  apiKey: "SK",
  service: "IS",
  role: "RL",
  user: "US",
  conversation: "CH",
  participant: "MB",
  invite: "IN",
  message: "IM",
  receipt: "DY",
  conversationWebhook: "WH",
  credential: "CR",
  binding: "BS",
  addressConfiguration: "IG",
  media: "ME",
} as const;

export function isSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
