/**
 * What Chat v2 lists as a service's channels: for the account, every conversation; for a user,
 * those it may see (the public ones, the ones it takes part in and the ones it is invited to),
 * optionally only of some types (and, for one user's own list, only of some standings). A
 * filtered scan keeps pages full and page tokens valid.
 */
import type { ConversationRecord, ConversationType, Page, ServiceRecord } from "../store/index.js";
import { type Standing, standingOf } from "./channels.js";
import type { Actor, Core } from "./context.js";
import { type PageRequest, typeOf, withTimers } from "./conversations.js";
import { fail } from "./errors.js";

/** How many conversations a filtered scan reads at a time. */
const SCAN_CHUNK = 100;

/** A page of the channels `actor` may see (`standings`: only those where a user stands so). */
export async function listChannels(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  types: readonly ConversationType[] | undefined,
  page: PageRequest,
  standings?: ReadonlySet<Standing>,
): Promise<Page<ConversationRecord>> {
  if (actor.accountSid !== service.accountSid || (actor.kind === "user" && actor.serviceSid !== service.sid)) {
    throw fail.notFound(`/Services/${service.sid}`);
  }
  const wanted = types?.length ? new Set(types) : undefined;
  const visible = async (c: ConversationRecord) => {
    if (actor.kind === "admin") return true;
    const standing = await standingOf(core, c, actor.identity);
    return standing !== null && (!standings || standings.has(standing.standing));
  };
  const keep = async (c: ConversationRecord) => (!wanted || wanted.has(typeOf(c))) && (await visible(c));
  const items: ConversationRecord[] = [];
  const positions: number[] = [];
  let after = page.after;
  for (;;) {
    const chunk = await core.store.list("conversation", {
      parent: service.sid,
      limit: Math.max(page.pageSize, SCAN_CHUNK),
      order: page.order ?? "asc",
      ...(after === undefined ? {} : { after }),
    });
    for (const [i, conversation] of chunk.items.entries()) {
      if (!(await keep(conversation))) continue;
      if (items.length === page.pageSize) return { items, positions, hasMore: true };
      items.push(withTimers(conversation, core.now()));
      positions.push(chunk.positions[i] as number);
    }
    if (!chunk.hasMore) return { items, positions, hasMore: false };
    after = chunk.positions.at(-1);
  }
}
