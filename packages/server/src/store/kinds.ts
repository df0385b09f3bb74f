import type { Kind, Records } from "./records.js";

/**
 * How each kind is placed in the store: its parent (the scope it is listed and numbered in), and
 * its unique key within that parent, if it has one. The store enforces key uniqueness per
 * (kind, parent) and orders every kind by a sequence number within its parent.
 */
export type KindLayout<K extends Kind> = {
  parent: (record: Records[K]) => string;
  key?: (record: Records[K]) => string | null;
  /** The record field that holds its sequence number (assigned by the store when inserting). */
  sequenceField?: keyof Records[K] & string;
  /** The record field that holds its position (assigned by the store when inserting). */
  positionField?: keyof Records[K] & string;
};

export const layouts: { [K in Kind]: KindLayout<K> } = {
  account: { parent: () => "" },
  apiKey: { parent: (r) => r.accountSid },
  configuration: { parent: () => "" },
  service: { parent: (r) => r.accountSid },
  role: { parent: (r) => r.serviceSid },
  user: { parent: (r) => r.serviceSid, key: (r) => r.identity },
  conversation: { parent: (r) => r.serviceSid, key: (r) => r.uniqueName },
  participant: { parent: (r) => r.conversationSid, key: (r) => r.identity ?? r.messagingBinding?.address ?? null },
  invite: { parent: (r) => r.conversationSid, key: (r) => r.identity },
  message: { parent: (r) => r.conversationSid, key: (r) => r.idempotencyKey, sequenceField: "index" },
  receipt: { parent: (r) => r.messageSid, key: (r) => r.participantSid },
  conversationWebhook: { parent: (r) => r.conversationSid },
  credential: { parent: (r) => r.accountSid },
  binding: { parent: (r) => r.serviceSid, key: (r) => `${r.identity}\u0000${r.endpoint}` },
  addressConfiguration: { parent: (r) => r.accountSid, key: (r) => `${r.type}\u0000${r.address}` },
  media: { parent: (r) => r.serviceSid },
  // One queue for the whole store: its positions are the order events are published in.
  outbox: { parent: () => "" },
  // A stream per user of a service; positions are the cursors clients resume from.
  streamEvent: { parent: (r) => streamOf(r.serviceSid, r.identity), positionField: "position" },
  streamPayload: { parent: (r) => r.serviceSid },
  streamFloor: { parent: () => "" },
};

/** The parent of a user's stream events. */
export function streamOf(serviceSid: string, identity: string): string {
  return `${serviceSid}/${identity}`;
}
