import type { ConversationRecord, Page, ParticipantRecord, ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { type PageRequest, withTimers } from "./conversations.js";
import { fail } from "./errors.js";

/** One conversation someone takes part in, with their participant there. */
export type Participation = { participant: ParticipantRecord; conversation: ConversationRecord };

/** Whose participations: a chat identity, or a non-chat participant's binding address. */
export type ParticipantMatch = { identity: string } | { address: string };

/** How many participants one store read takes when most of them may be filtered out. */
const SCAN_BATCH = 200;

/**
 * A page of the participations of an identity or address in the service, in the order the
 * participants were added; positions are the participants', so paging tokens follow them.
 * Identities are a stored field to filter on; an address sits inside the messaging binding, so
 * the service's non-chat participants are read in batches and matched here.
 */
export async function pageParticipations(
  core: Core,
  service: ServiceRecord,
  match: ParticipantMatch,
  page: PageRequest,
): Promise<Page<Participation>> {
  const byIdentity = "identity" in match;
  const where = byIdentity ? { serviceSid: service.sid, identity: match.identity } : { serviceSid: service.sid, identity: null };
  const items: Participation[] = [];
  const positions: number[] = [];
  let after = page.after;
  for (;;) {
    const batch = await core.store.list("participant", {
      where,
      limit: byIdentity ? page.pageSize + 1 : SCAN_BATCH,
      order: page.order ?? "asc",
      ...(after === undefined ? {} : { after }),
    });
    for (const [i, participant] of batch.items.entries()) {
      const position = batch.positions[i] as number;
      if (!byIdentity && participant.messagingBinding?.address !== match.address) continue;
      const conversation = await core.store.get("conversation", participant.conversationSid);
      // A participant whose conversation is gone mid-delete is no participation.
      if (!conversation) continue;
      if (items.length === page.pageSize) return { items, positions, hasMore: true };
      items.push({ participant, conversation: withTimers(conversation, core.now()) });
      positions.push(position);
    }
    if (!batch.hasMore) return { items, positions, hasMore: false };
    after = batch.positions.at(-1);
  }
}

/** A participation with the user behind a chat participant (null for non-chat ones, or users since deleted). */
export type ParticipantConversation = Participation & { userSid: string | null };

export type ParticipantConversationFilter = { identity?: string; address?: string };

/**
 * The conversations an identity or an address takes part in; exactly one of the two is needed.
 * A user token may ask only about its own identity.
 */
export async function listParticipantConversations(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  filter: ParticipantConversationFilter,
  page: PageRequest,
): Promise<Page<ParticipantConversation>> {
  const { identity, address } = filter;
  if ((identity === undefined) === (address === undefined)) throw fail.invalid("Give either Identity or Address, not both or neither");
  if (actor.kind === "user" && identity !== actor.identity) {
    throw fail.forbidden("A user may only list its own conversations");
  }
  const result = await pageParticipations(core, service, identity !== undefined ? { identity } : { address: address as string }, page);
  const items: ParticipantConversation[] = [];
  for (const p of result.items) {
    const user = p.participant.identity === null ? null : await core.store.getByKey("user", service.sid, p.participant.identity);
    items.push({ ...p, userSid: user?.sid ?? null });
  }
  return { ...result, items };
}
