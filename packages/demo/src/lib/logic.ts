// Pure logic of the chat view: no DOM, no SDK objects (only their shapes), unit-tested.

/** What ordering and unread counts need of a conversation. */
export type ConversationSummary = {
  sid: string;
  friendlyName: string | null;
  dateCreated: Date | null;
  lastMessage?: { index?: number; dateCreated?: Date } | undefined;
  lastReadMessageIndex: number | null;
};

/** When the conversation last had activity: its last message, or else its creation. */
export function activityTime(c: ConversationSummary): number {
  return c.lastMessage?.dateCreated?.getTime() ?? c.dateCreated?.getTime() ?? 0;
}

/** Newest activity first; ties by name, then SID, so the order is stable. */
export function orderByLastMessage<T extends ConversationSummary>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) => activityTime(b) - activityTime(a) || (a.friendlyName ?? "").localeCompare(b.friendlyName ?? "") || a.sid.localeCompare(b.sid),
  );
}

/**
 * Messages after the user's read horizon. With no horizon yet, every message is unread; with no
 * message, none is.
 */
export function unreadCount(c: Pick<ConversationSummary, "lastMessage" | "lastReadMessageIndex">): number {
  const last = c.lastMessage?.index;
  if (last === undefined || last === null) return 0;
  if (c.lastReadMessageIndex === null) return last + 1;
  return Math.max(0, last - c.lastReadMessageIndex);
}

/** A badge's text: the count, capped. */
export function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** The other participants whose read horizon has reached a message. */
export function readBy(
  participants: readonly { identity: string | null; lastReadMessageIndex: number | null }[],
  messageIndex: number,
  self: string,
): string[] {
  return participants
    .filter((p) => p.identity && p.identity !== self && p.lastReadMessageIndex !== null && p.lastReadMessageIndex >= messageIndex)
    .map((p) => p.identity!)
    .sort();
}

/** Who is typing, as a sentence. */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** One line of preview: whitespace collapsed, cut at `max` characters. */
export function previewText(body: string | null | undefined, hasMedia: boolean, max = 60): string {
  const text = (body ?? "").replace(/\s+/g, " ").trim();
  if (!text) return hasMedia ? "Attachment" : "";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Milliseconds before a token's expiry at which to renew it: two minutes, or a third of its life when shorter. */
export function renewDelayMs(ttlSeconds: number, issuedAt: number, now: number): number {
  const life = ttlSeconds * 1000;
  const margin = Math.min(120_000, life / 3);
  return Math.max(0, issuedAt + life - margin - now);
}

/** The seconds a JWT is valid until (its `exp`), or null when it cannot be read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof json.exp === "number" ? json.exp : null;
  } catch {
    return null;
  }
}

/** A short time for a message: the clock time today, else the date and time. */
export function shortTime(date: Date | null, now: Date = new Date()): string {
  if (!date) return "";
  const sameDay = date.toDateString() === now.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return sameDay ? time : `${date.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${time}`;
}

/** A file size for people. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What the connection banner says; null when connected (no banner). */
export function connectionText(state: string): string | null {
  switch (state) {
    case "connected":
      return null;
    case "connecting":
      return "Connecting…";
    case "retrying":
      return "Connection lost: retrying…";
    case "error":
      return "Connection error: retrying…";
    case "disconnecting":
      return "Disconnecting…";
    case "disconnected":
      return "Offline: reconnecting when the network is back. Messages you send wait and go out then.";
    case "denied":
      return "The server refused the token. Sign in again.";
    default:
      return "Not connected yet…";
  }
}

/** A valid identity for the sign-in form: 1–64 printable characters without spaces at the ends. */
export function identityError(identity: string): string | null {
  const value = identity.trim();
  if (!value) return "Enter an identity, e.g. alice.";
  if (value.length > 64) return "At most 64 characters.";
  return null;
}
