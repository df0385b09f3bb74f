import type { ConversationRecord, InviteRecord, Page, ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { type PageRequest, typeOf, withTimers } from "./conversations.js";
import { fail } from "./errors.js";

/**
 * What Chat calls a channel descriptor: a conversation as someone who need not take part in it
 * may see it (a public one in the directory, or one they are invited to), with its counts.
 */
export type ConversationDescriptor = {
  conversation: ConversationRecord;
  membersCount: number;
  messagesCount: number;
};

/**
 * How a user stands towards a conversation it can see: it takes part (`joined`), it holds an
 * invite (`invited`), or it may only look because the conversation is public (`notParticipating`).
 */
export type Standing = "joined" | "invited" | "notParticipating";

/** A conversation one user can see, with its standing there and the invite it holds, if any. */
export type VisibleConversation = ConversationDescriptor & { standing: Standing; invite: InviteRecord | null };

/** The descriptor of a conversation: its counts, as of now. */
export async function describe(core: Core, conversation: ConversationRecord): Promise<ConversationDescriptor> {
  const [membersCount, messagesCount] = await Promise.all([
    core.store.count("participant", { parent: conversation.sid }),
    core.store.count("message", { parent: conversation.sid }),
  ]);
  return { conversation: withTimers(conversation, core.now()), membersCount, messagesCount };
}

/**
 * A page of the service's public conversations, the directory any user of the service may read
 * (Chat's `getPublicChannelDescriptors`), in creation order.
 */
export async function listPublicConversations(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  page: PageRequest,
): Promise<Page<ConversationDescriptor>> {
  requireOfService(actor, service);
  const result = await core.store.list("conversation", {
    parent: service.sid,
    where: { type: "public" },
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
  const items = await Promise.all(result.items.map((c) => describe(core, c)));
  return { items, positions: result.positions, hasMore: result.hasMore };
}

/**
 * A conversation by SID or unique name as the actor may look at it without reading it: the
 * account and participants always, other users of the service when it is public or they are
 * invited (Conversations' `peekConversationBySid`, Chat's channel descriptor). Its messages and
 * participants stay for participants: a user joins to read them. 404 otherwise.
 */
export async function findVisibleConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  sidOrUniqueName: string,
): Promise<{ conversation: ConversationRecord; standing: Standing; invite: InviteRecord | null }> {
  requireOfService(actor, service);
  const bySid = await core.store.get("conversation", sidOrUniqueName);
  const found = bySid && bySid.serviceSid === service.sid ? bySid : await core.store.getByKey("conversation", service.sid, sidOrUniqueName);
  if (!found) throw fail.notFound(`/Conversations/${sidOrUniqueName}`);
  const conversation = withTimers(found, core.now());
  if (actor.kind === "admin") return { conversation, standing: "notParticipating", invite: null };
  const standing = await standingOf(core, found, actor.identity);
  if (!standing) throw fail.notFound(`/Conversations/${sidOrUniqueName}`);
  return { conversation, ...standing };
}

/** `findVisibleConversation` with the conversation's counts: its descriptor. */
export async function peekConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  sidOrUniqueName: string,
): Promise<VisibleConversation> {
  const seen = await findVisibleConversation(core, actor, service, sidOrUniqueName);
  return { ...(await describe(core, seen.conversation)), standing: seen.standing, invite: seen.invite };
}

/** How an identity stands towards a conversation, or null when the conversation is hidden from it. */
export async function standingOf(
  core: Core,
  conversation: ConversationRecord,
  identity: string,
): Promise<{ standing: Standing; invite: InviteRecord | null } | null> {
  if (await core.store.getByKey("participant", conversation.sid, identity)) return { standing: "joined", invite: null };
  const invite = await core.store.getByKey("invite", conversation.sid, identity);
  if (invite) return { standing: "invited", invite };
  return typeOf(conversation) === "public" ? { standing: "notParticipating", invite: null } : null;
}

/** A user token of another service (or another account's) sees nothing of this one. */
function requireOfService(actor: Actor, service: ServiceRecord): void {
  if (actor.accountSid !== service.accountSid || (actor.kind === "user" && actor.serviceSid !== service.sid)) {
    throw fail.notFound(`/Services/${service.sid}`);
  }
}
