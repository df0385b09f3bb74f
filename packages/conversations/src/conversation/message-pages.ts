import type { ClientContext } from "../client/context.js";
import type { Message, MessageJson } from "../message/message.js";
import { RestPaginator } from "../paging/paginator.js";
import { linkedPaginator, type PageReader, pagingQuery } from "../paging/rest-pages.js";

/** How many messages one scan request reads when looking for an anchor. */
const SCAN_PAGE = 100;

type ToMessages = (items: MessageJson[]) => Message[];

function reader(context: ClientContext, conversationSid: string): PageReader<MessageJson> {
  return async (query) => {
    const page = await context.call("ListConversationMessage", { params: { ConversationSid: conversationSid, ...query } });
    return { items: page.messages, meta: page.meta };
  };
}

/**
 * A page of messages the way Twilio's `getMessages` gives it: items ascending by index; without
 * an anchor, the newest `pageSize` ("backwards") or the oldest ("forward"), paged by the server's
 * links; with an anchor, the page that ends (backwards) or starts (forward) at that index.
 *
 * The REST list has no filter by index, so an anchored page is found by reading the list from
 * the nearer end until the anchor is passed.
 */
export async function messagePage(
  context: ClientContext,
  conversationSid: string,
  toMessages: ToMessages,
  pageSize: number,
  anchor: number | undefined,
  direction: "backwards" | "forward",
): Promise<RestPaginator<Message>> {
  const read = reader(context, conversationSid);
  if (anchor === undefined) {
    const backwards = direction === "backwards";
    return linkedPaginator(read, { PageSize: String(pageSize), Order: backwards ? "desc" : "asc" }, toMessages, backwards);
  }
  return anchoredPage(read, toMessages, pageSize, anchor, direction);
}

async function anchoredPage(
  read: PageReader<MessageJson>,
  toMessages: ToMessages,
  pageSize: number,
  anchor: number,
  direction: "backwards" | "forward",
): Promise<RestPaginator<Message>> {
  const backwards = direction === "backwards";
  const inPage = (index: number) => (backwards ? index <= anchor : index >= anchor);
  const found: MessageJson[] = [];
  let passedOthers = false;
  let query: Record<string, string> | null = { PageSize: String(SCAN_PAGE), Order: backwards ? "desc" : "asc" };
  while (query && found.length <= pageSize) {
    const page = await read(query);
    for (const item of page.items) {
      if (inPage(item.index)) found.push(item);
      else passedOthers = true;
    }
    query = page.meta.next_page_url ? pagingQuery(page.meta.next_page_url) : null;
  }
  const more = found.length > pageSize;
  const chosen = found.slice(0, pageSize);
  const ascending = backwards ? chosen.reverse() : chosen;
  const first = ascending[0]?.index;
  const last = ascending.at(-1)?.index;
  const olderFetch = () => anchoredPage(read, toMessages, pageSize, (first ?? anchor) - 1, "backwards");
  const newerFetch = () => anchoredPage(read, toMessages, pageSize, (last ?? anchor) + 1, "forward");
  const hasOlder = backwards ? more : passedOthers;
  const hasNewer = backwards ? passedOthers : more;
  return new RestPaginator(toMessages(ascending), hasNewer ? newerFetch : null, hasOlder ? olderFetch : null);
}
