import type { Core } from "../../core/context.js";
import { deliveryOf } from "../../core/messages.js";
import type { SessionIdentity } from "../../auth/session-token.js";
import { eachRecord, type MessageRecord } from "../../store/index.js";
import { type SyncObject, candidatesOf, sidOf, uniqueNameOf } from "./names.js";
import { invitedItem, conversationDocument, messageItem, myConversationItem, rosterItem, userInfoItems } from "./shapes.js";
import { typeOf } from "../../core/conversations.js";

/** Why an object cannot be read: Sync answers 404 for what does not exist, 403 for what is not yours. */
export class SyncAccessError extends Error {
  constructor(
    readonly status: 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

type Item = { key: string; index?: number; data: unknown; dateUpdated: string };

/** The object an identifier names, if it exists and this user may read it. */
export async function resolveObject(core: Core, who: SessionIdentity, id: string, type: SyncObject["type"]): Promise<SyncObject> {
  let forbidden = false;
  for (const object of candidatesOf(id, type)) {
    if (object.kind === "myConversations" || object.kind === "myChannels" || object.kind === "userInfo") {
      const user = await core.store.get("user", object.userSid);
      if (!user || user.serviceSid !== who.service.sid) continue;
      if (object.kind !== "userInfo" && user.identity !== who.identity) {
        forbidden = true;
        continue;
      }
      return object;
    }
    const conversation = await core.store.get("conversation", object.conversationSid);
    if (!conversation || conversation.serviceSid !== who.service.sid) continue;
    if (await core.store.getByKey("participant", conversation.sid, who.identity)) return object;
    // Its document (what Chat calls the channel) is for invitees and, when public, anyone of the
    // service; its messages and roster are for participants: a user joins to read them.
    const mayLook =
      object.kind === "conversation" &&
      (typeOf(conversation) === "public" || (await core.store.getByKey("invite", conversation.sid, who.identity)) !== null);
    if (mayLook) return object;
    forbidden = true;
  }
  throw forbidden ? new SyncAccessError(403, `Access to ${id} is forbidden`) : new SyncAccessError(404, `${id} not found`);
}

/** Sync's URL of an object (absolute, as the SDKs require). */
export function objectUrl(base: string, object: SyncObject): string {
  const collection = object.type === "document" ? "Documents" : object.type === "list" ? "Lists" : "Maps";
  return `${base}/v3/${collection}/${sidOf(object)}`;
}

/** The object as `GET /v3/{Documents|Lists|Maps}/{id}` answers it; `lastEventId` is the user's stream position read before. */
export async function readObject(core: Core, base: string, object: SyncObject, lastEventId: number, includeItems: boolean) {
  const url = objectUrl(base, object);
  const common = {
    sid: sidOf(object),
    unique_name: uniqueNameOf(object),
    url,
    revision: String(lastEventId),
    last_event_id: lastEventId,
    date_expires: null,
  };
  if (object.kind === "conversation") {
    const conversation = await core.store.get("conversation", object.conversationSid);
    if (!conversation) throw new SyncAccessError(404, `${object.conversationSid} not found`);
    return { ...common, date_updated: conversation.dateUpdated, data: conversationDocument(conversation) };
  }
  const links = { items: `${url}/Items`, context: `${url}/Context` };
  const date = new Date().toISOString();
  if (!includeItems) return { ...common, date_updated: date, links };
  const items = await allItems(core, object);
  return { ...common, date_updated: date, links, items: items.map((i) => renderItem(url, i, lastEventId)) };
}

export type ItemQuery = { order: "asc" | "desc"; pageSize: number; from?: string; inclusive?: boolean };

/** A page of items: lists by index, maps by key; `next_token` resumes after the page. */
export async function readItems(core: Core, base: string, object: SyncObject, lastEventId: number, query: ItemQuery) {
  const url = objectUrl(base, object);
  // A conversation's history can be long: its pages come from the store a page at a time.
  const all = object.kind === "messages" ? await messageWindow(core, object.conversationSid, query) : await allItems(core, object);
  const ordered = query.order === "desc" ? [...all].reverse() : all;
  const compare = (item: Item) =>
    object.type === "list" ? (item.index as number) - Number(query.from) : item.key.localeCompare(query.from as string);
  const start =
    query.from === undefined
      ? 0
      : ordered.findIndex((item) => {
          const c = compare(item);
          const ahead = query.order === "desc" ? c < 0 : c > 0;
          return ahead || (c === 0 && query.inclusive !== false);
        });
  const begin = start < 0 ? ordered.length : start;
  const page = ordered.slice(begin, begin + query.pageSize);
  const rest = ordered[begin + query.pageSize];
  const token = (item: Item | undefined) =>
    item ? Buffer.from(JSON.stringify({ o: query.order, f: item.index ?? item.key })).toString("base64url") : null;
  return {
    items: page.map((item) => renderItem(url, item, lastEventId)),
    meta: { previous_token: begin > 0 ? token(ordered[Math.max(0, begin - query.pageSize)]) : null, next_token: token(rest) },
  };
}

/** The query a page token stands for. */
export function queryOfToken(token: string, pageSize: number): ItemQuery | null {
  try {
    const { o, f } = JSON.parse(Buffer.from(token, "base64url").toString()) as { o: "asc" | "desc"; f: string | number };
    return { order: o === "desc" ? "desc" : "asc", pageSize, from: String(f), inclusive: true };
  } catch {
    return null;
  }
}

function renderItem(objectUrlValue: string, item: Item, lastEventId: number) {
  return {
    ...(item.index !== undefined ? { index: item.index } : { key: item.key }),
    url: `${objectUrlValue}/Items/${encodeURIComponent(item.index !== undefined ? String(item.index) : item.key)}`,
    revision: String(lastEventId),
    last_event_id: lastEventId,
    data: item.data,
    date_updated: item.dateUpdated,
    date_expires: null,
  };
}

/**
 * The messages a page can need, in index order: from the anchor (or the end the order starts
 * at) one page and one more, plus the page before it for the previous token.
 */
async function messageWindow(core: Core, conversationSid: string, query: ItemQuery): Promise<Item[]> {
  const toItem = async (m: MessageRecord): Promise<Item> => ({
    key: String(m.index),
    index: m.index,
    data: messageItem(m, await deliveryOf(core, m)),
    dateUpdated: m.dateUpdated,
  });
  const span = query.pageSize + 1;
  let anchor: number | undefined;
  if (query.from !== undefined) {
    const found = await core.store.list("message", { parent: conversationSid, where: { index: Number(query.from) }, limit: 1 });
    anchor = found.positions[0];
    if (anchor === undefined) return (await allItems(core, { type: "list", kind: "messages", conversationSid })) as Item[];
  }
  const forward = query.order === "asc";
  const ahead = await core.store.list("message", {
    parent: conversationSid,
    order: query.order,
    limit: span,
    ...(anchor === undefined ? {} : { after: forward ? anchor - 1 : anchor + 1 }),
  });
  const behind =
    anchor === undefined
      ? { items: [] as MessageRecord[] }
      : await core.store.list("message", {
          parent: conversationSid,
          order: forward ? "desc" : "asc",
          limit: query.pageSize,
          after: anchor,
        });
  const items = await Promise.all([...behind.items, ...ahead.items].map(toItem));
  return items.sort((a, b) => (a.index as number) - (b.index as number));
}

/** Every item of a list or map, in index or key order (conversations and rosters are bounded by Confab's limits). */
async function allItems(core: Core, object: SyncObject): Promise<Item[]> {
  switch (object.kind) {
    case "messages": {
      const items: Item[] = [];
      for await (const m of eachRecord(core.store, "message", { parent: object.conversationSid })) {
        items.push({ key: String(m.index), index: m.index, data: messageItem(m, await deliveryOf(core, m)), dateUpdated: m.dateUpdated });
      }
      return items;
    }
    case "roster": {
      const items: Item[] = [];
      for await (const p of eachRecord(core.store, "participant", { parent: object.conversationSid })) {
        const user = p.identity ? await core.store.getByKey("user", p.serviceSid, p.identity) : null;
        items.push({ key: p.sid, data: rosterItem(p, user?.sid ?? null), dateUpdated: p.dateUpdated });
      }
      return items.sort((a, b) => a.key.localeCompare(b.key));
    }
    case "myConversations":
    case "myChannels": {
      const user = await core.store.get("user", object.userSid);
      if (!user) return [];
      const items: Item[] = [];
      const mine = { where: { serviceSid: user.serviceSid, identity: user.identity } };
      for await (const p of eachRecord(core.store, "participant", mine)) {
        const conversation = object.kind === "myChannels" ? await core.store.get("conversation", p.conversationSid) : null;
        items.push({ key: p.conversationSid, data: myConversationItem(p, conversation), dateUpdated: p.dateUpdated });
      }
      // Chat also lists the channels the user is invited to.
      if (object.kind === "myChannels") {
        for await (const i of eachRecord(core.store, "invite", mine)) {
          const conversation = await core.store.get("conversation", i.conversationSid);
          if (conversation) items.push({ key: i.conversationSid, data: invitedItem(i, conversation), dateUpdated: i.dateUpdated });
        }
      }
      return items.sort((a, b) => a.key.localeCompare(b.key));
    }
    case "userInfo": {
      const user = await core.store.get("user", object.userSid);
      if (!user) return [];
      return Object.entries(userInfoItems(user))
        .map(([key, data]) => ({ key, data, dateUpdated: user.dateUpdated }))
        .sort((a, b) => a.key.localeCompare(b.key));
    }
    case "conversation":
      return [];
  }
}
