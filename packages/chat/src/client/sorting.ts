import type { Channel } from "../channel/channel.js";
import type { ChannelSortingOptions } from "./options.js";

type Key = (channel: Channel) => string | number | undefined | null;

const KEYS: Record<string, Key> = {
  lastMessage: (c) => c.lastMessage?.dateCreated?.getTime(),
  friendlyName: (c) => c.friendlyName,
  uniqueName: (c) => c.uniqueName,
};

/**
 * Sorts channels as Twilio's `getLocalChannels` does: by the criterion, ascending unless told;
 * channels without a value for it come last in either order. Without a criterion, the order is
 * the client's (as the channels became known).
 */
export function sortChannels(channels: Channel[], options: ChannelSortingOptions = {}): Channel[] {
  const key = options.criteria ? KEYS[options.criteria] : undefined;
  if (!key) return channels;
  const sign = options.order === "descending" ? -1 : 1;
  return [...channels].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const xMissing = x === undefined || x === null;
    const yMissing = y === undefined || y === null;
    if (xMissing || yMissing) return xMissing === yMissing ? 0 : xMissing ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return sign * order;
  });
}
