/**
 * The Sync objects the official SDKs read, and how Confab names them. They are views of the
 * domain, not stored copies: each name says which conversation or user it shows, and each SID
 * is derived from that conversation's or user's SID, so a SID a client cached in an earlier
 * session still resolves.
 */
export type SyncObject =
  | { type: "map"; kind: "myConversations"; userSid: string }
  /** Chat's view of the user's conversations: the joined ones and the invited ones. */
  | { type: "map"; kind: "myChannels"; userSid: string }
  | { type: "map"; kind: "userInfo"; userSid: string }
  | { type: "document"; kind: "conversation"; conversationSid: string }
  | { type: "list"; kind: "messages"; conversationSid: string }
  | { type: "map"; kind: "roster"; conversationSid: string };

const hex = (sid: string) => sid.slice(2);
/**
 * A user's info map and its conversations maps all start with MP and the user's digits: the info
 * map flips one bit of the first digit, Chat's channels map another.
 */
const flipBy = (bit: number) => (digits: string) =>
  ((Number.parseInt(digits[0] as string, 16) ^ bit).toString(16) + digits.slice(1)).toLowerCase();
const flip = flipBy(8);
const flipChannels = flipBy(4);

export function uniqueNameOf(object: SyncObject): string {
  switch (object.kind) {
    case "myConversations":
      return `${object.userSid}.conversations`;
    case "myChannels":
      return `${object.userSid}.channels`;
    case "userInfo":
      return `${object.userSid}.info`;
    case "conversation":
      return `${object.conversationSid}.channel`;
    case "messages":
      return `${object.conversationSid}.messages`;
    case "roster":
      return `${object.conversationSid}.roster`;
  }
}

export function sidOf(object: SyncObject): string {
  switch (object.kind) {
    case "myConversations":
      return `MP${hex(object.userSid)}`;
    case "myChannels":
      return `MP${flipChannels(hex(object.userSid))}`;
    case "userInfo":
      return `MP${flip(hex(object.userSid))}`;
    case "conversation":
      return `ET${hex(object.conversationSid)}`;
    case "messages":
      return `ES${hex(object.conversationSid)}`;
    case "roster":
      return `MP${hex(object.conversationSid)}`;
  }
}

/**
 * The objects an identifier (unique name or SID) may name, most likely first; the caller keeps
 * the first whose conversation or user exists. A map SID is ambiguous by construction.
 */
export function candidatesOf(id: string, type: SyncObject["type"]): SyncObject[] {
  const byName = /^((?:CH|US)[0-9a-fA-F]{32})\.(conversations|channels|info|channel|messages|roster)$/.exec(id);
  if (byName) {
    const [, sid, suffix] = byName as unknown as [string, string, string];
    const object: SyncObject | null =
      suffix === "conversations" && sid.startsWith("US")
        ? { type: "map", kind: "myConversations", userSid: sid }
        : suffix === "channels" && sid.startsWith("US")
          ? { type: "map", kind: "myChannels", userSid: sid }
          : suffix === "info" && sid.startsWith("US")
            ? { type: "map", kind: "userInfo", userSid: sid }
            : suffix === "channel" && sid.startsWith("CH")
              ? { type: "document", kind: "conversation", conversationSid: sid }
              : suffix === "messages" && sid.startsWith("CH")
                ? { type: "list", kind: "messages", conversationSid: sid }
                : suffix === "roster" && sid.startsWith("CH")
                  ? { type: "map", kind: "roster", conversationSid: sid }
                  : null;
    return object && object.type === type ? [object] : [];
  }
  if (!/^[A-Z]{2}[0-9a-fA-F]{32}$/.test(id)) return [];
  const digits = hex(id).toLowerCase();
  if (type === "document" && id.startsWith("ET")) return [{ type, kind: "conversation", conversationSid: `CH${digits}` }];
  if (type === "list" && id.startsWith("ES")) return [{ type, kind: "messages", conversationSid: `CH${digits}` }];
  if (type === "map" && id.startsWith("MP")) {
    return [
      { type, kind: "roster", conversationSid: `CH${digits}` },
      { type, kind: "myConversations", userSid: `US${digits}` },
      { type, kind: "userInfo", userSid: `US${flip(digits)}` },
      { type, kind: "myChannels", userSid: `US${flipChannels(digits)}` },
    ];
  }
  return [];
}
