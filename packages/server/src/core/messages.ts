import type { ConversationRecord, MediaRef, MediaRecord, MessageRecord, Page, ServiceRecord, StoreReader } from "../store/index.js";
import { checkAttributes } from "./attributes.js";
import type { Actor, Core } from "./context.js";
import { changedFields, findConversation, type PageRequest, withTimers } from "./conversations.js";
import { DomainCodes, fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { newSid, SidPrefix } from "./ids.js";
import { can, requirePermission } from "./permissions.js";
import { runPreHook } from "./pre-hooks.js";
import { addDuration, isoSeconds } from "./time.js";

export type MessageInput = {
  author?: string;
  body?: string;
  attributes?: string;
  mediaSid?: string;
  contentSid?: string;
  subject?: string;
  dateCreated?: string;
  dateUpdated?: string;
  /** A retried send carries the same key; the message it already made is the answer. */
  idempotencyKey?: string;
  /** Chat v2's `LastUpdatedBy` (account credentials only). */
  lastUpdatedBy?: string;
};

export type MessageUpdate = {
  author?: string;
  body?: string;
  attributes?: string;
  subject?: string;
  dateCreated?: string;
  dateUpdated?: string;
  /** Chat v2's `LastUpdatedBy`; a user's edit records the user itself. */
  lastUpdatedBy?: string;
};

/** A message of a conversation, by SID; 404 when it is not there. */
async function messageOf(core: Core, conversationSid: string, sid: string): Promise<MessageRecord> {
  const found = await core.store.get("message", sid);
  if (!found || found.conversationSid !== conversationSid) throw fail.notFound(`/Conversations/${conversationSid}/Messages/${sid}`);
  return found;
}

/** Finds a message of a visible conversation; 404 when either is missing. */
export async function findMessage(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sid: string,
): Promise<MessageRecord> {
  const conversation = await findConversation(core, actor, service, conversationId);
  return messageOf(core, conversation.sid, sid);
}

/** A page of a conversation's messages, by index (`desc`: newest first). */
export async function listMessages(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  page: PageRequest,
): Promise<Page<MessageRecord>> {
  const conversation = await findConversation(core, actor, service, conversationId);
  return core.store.list("message", {
    parent: conversation.sid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

function checkBody(core: Core, body: string | undefined): string | undefined {
  if (body !== undefined && Buffer.byteLength(body, "utf8") > core.limits.messageBodyBytes) {
    throw fail.invalid(`Body must be at most ${core.limits.messageBodyBytes} bytes`, DomainCodes.messageTooLong);
  }
  return body;
}

/** The participant SID of an author who takes part in the conversation (by identity or address). */
async function authorParticipantSid(reader: StoreReader, conversationSid: string, author: string): Promise<string | null> {
  return (await reader.getByKey("participant", conversationSid, author))?.sid ?? null;
}

/**
 * Adds a message. The store numbers it; a message to an inactive conversation makes it active
 * again (and restarts its inactive timer) in the same transaction. A user sends as itself; the
 * account sends as `Author`, or as `system`.
 */
export async function createMessage(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  given: MessageInput,
): Promise<MessageRecord> {
  const conversation = await findConversation(core, actor, service, conversationId);
  const key = given.idempotencyKey || null;
  if (key) {
    const existing = await core.store.getByKey("message", conversation.sid, key);
    if (existing) return existing;
  }
  core.writeRate.take(conversation.sid);
  await requirePermission(core, actor, service, "sendMessage", conversation.sid);
  if (given.mediaSid !== undefined) await requirePermission(core, actor, service, "sendMediaMessage", conversation.sid);
  if (actor.kind === "user" && given.author !== undefined && given.author !== actor.identity) {
    throw fail.forbidden("A user may only send messages as itself");
  }
  if (actor.kind === "user" && given.lastUpdatedBy !== undefined) throw fail.forbidden("Only account credentials may set LastUpdatedBy");
  if (conversation.state === "closed") throw fail.invalid("The conversation is closed", DomainCodes.conversationClosed);
  const input = await applyMessageHook(core, actor, conversation, "onMessageAdd", undefined, {
    ...given,
    author: actor.kind === "user" ? actor.identity : (given.author ?? "system"),
  });
  const author = input.author ?? "system";
  const media =
    input.mediaSid === undefined || input.contentSid !== undefined ? null : await attachableMedia(core, actor, service, input.mediaSid);
  const now = core.now();
  // A rich content template replaces the body and media.
  const templated = input.contentSid !== undefined;
  const draft: MessageRecord = {
    sid: newSid(SidPrefix.message),
    accountSid: conversation.accountSid,
    serviceSid: conversation.serviceSid,
    conversationSid: conversation.sid,
    index: 0,
    author,
    participantSid: null,
    body: templated ? null : (checkBody(core, input.body) ?? null),
    attributes: checkAttributes(input.attributes, core.limits.attributesBytes) ?? "{}",
    media: templated || input.mediaSid === undefined ? null : [mediaRef(input.mediaSid, media)],
    contentSid: input.contentSid ?? null,
    subject: input.subject ?? null,
    idempotencyKey: key,
    ...(input.lastUpdatedBy !== undefined ? { lastUpdatedBy: input.lastUpdatedBy } : {}),
    dateCreated: input.dateCreated ? isoSeconds(new Date(input.dateCreated)) : isoSeconds(now),
    dateUpdated: input.dateUpdated ? isoSeconds(new Date(input.dateUpdated)) : isoSeconds(now),
  };
  const result = await core.store.transaction(async (tx) => {
    if (key) {
      const existing = await tx.getByKey("message", conversation.sid, key);
      if (existing) return { message: existing, created: false as const };
    }
    const stored = await tx.get("conversation", conversation.sid);
    if (!stored) throw fail.notFound(`/Conversations/${conversation.sid}`);
    const before = withTimers(stored, now);
    if (before.state === "closed") throw fail.invalid("The conversation is closed", DomainCodes.conversationClosed);
    const message = await tx.insert("message", { ...draft, participantSid: await authorParticipantSid(tx, conversation.sid, author) });
    if (media) {
      const fresh = await tx.get("media", media.sid);
      if (!fresh || fresh.messageSid !== null) throw fail.invalid(`Media ${media.sid} is already attached to a message`);
      await tx.update("media", {
        ...fresh,
        messageSid: message.sid,
        conversationSid: message.conversationSid,
        dateUpdated: isoSeconds(now),
      });
    }
    const after = afterMessage(before, message, now);
    await tx.update("conversation", after);
    // The events are part of the write: a message exists exactly when its event does.
    const scope = scopeOf(message);
    if (before.state !== after.state) {
      await recordEvent(tx, core, "conversation.updated", scope, { conversation: after, updated: changedFields(before, after) }, actor);
    }
    await recordEvent(tx, core, "message.added", scope, { message }, actor);
    return { message, created: true as const };
  });
  if (result.created) await flushOutbox(core);
  return result.message;
}

/**
 * The uploaded media a message attaches, when the media store has it: it must be of the service,
 * the sender's own (for a user) and not on another message yet. A SID the store does not know is
 * attached as it is, with placeholder details (until every media SID comes from the store).
 */
async function attachableMedia(core: Core, actor: Actor, service: ServiceRecord, sid: string): Promise<MediaRecord | null> {
  const media = await core.store.get("media", sid);
  if (!media) return null;
  const usable = media.serviceSid === service.sid && (actor.kind === "admin" || media.author === actor.identity);
  if (!usable) throw fail.invalid(`Media ${sid} cannot be attached to this message`);
  if (media.messageSid !== null) throw fail.invalid(`Media ${sid} is already attached to a message`);
  return media;
}

function mediaRef(sid: string, media: MediaRecord | null): MediaRef {
  if (!media) return { sid, size: 0, contentType: "application/octet-stream", filename: null, category: "media" };
  return { sid, size: media.size, contentType: media.contentType, filename: media.filename, category: media.category };
}

/** The conversation after a new message: active again, inactive timer restarted, last message noted. */
function afterMessage(conversation: ConversationRecord, message: MessageRecord, now: Date): ConversationRecord {
  const state = conversation.state === "inactive" ? "active" : conversation.state;
  return {
    ...conversation,
    state,
    dateInactive:
      state === "active" && conversation.timerInactive ? addDuration(now, conversation.timerInactive) : conversation.dateInactive,
    lastMessageIndex: message.index,
    lastMessageDate: message.dateCreated,
  };
}

/**
 * Edits a message. The account may change anything; a user edits its own messages
 * (`editOwnMessage`, `editOwnMessageAttributes`) or anyone's (`editAnyMessage…`).
 */
export async function updateMessage(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sid: string,
  given: MessageUpdate,
): Promise<MessageRecord> {
  const conversation = await findConversation(core, actor, service, conversationId);
  const current = await messageOf(core, conversation.sid, sid);
  core.writeRate.take(conversation.sid);
  await requireMayEdit(core, actor, service, current, given);
  const input = await applyMessageHook(core, actor, conversation, "onMessageUpdate", current, given);
  const author = input.author ?? current.author;
  const updated: MessageRecord = {
    ...current,
    author,
    participantSid: author === current.author ? current.participantSid : await authorParticipantSid(core.store, conversation.sid, author),
    body: checkBody(core, input.body) ?? current.body,
    attributes: checkAttributes(input.attributes, core.limits.attributesBytes) ?? current.attributes,
    subject: input.subject ?? current.subject,
    lastUpdatedBy: actor.kind === "user" ? actor.identity : (input.lastUpdatedBy ?? current.lastUpdatedBy ?? null),
    edited: current.edited === true || (input.body !== undefined && input.body !== current.body),
    dateCreated: input.dateCreated ? isoSeconds(new Date(input.dateCreated)) : current.dateCreated,
    dateUpdated: input.dateUpdated ? isoSeconds(new Date(input.dateUpdated)) : isoSeconds(core.now()),
  };
  await core.store.transaction(async (tx) => {
    await tx.update("message", updated);
    await recordEvent(tx, core, "message.updated", scopeOf(updated), { message: updated, updated: changedFields(current, updated) }, actor);
  });
  await flushOutbox(core);
  return updated;
}

async function requireMayEdit(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  message: MessageRecord,
  input: MessageUpdate,
): Promise<void> {
  if (actor.kind === "admin") return;
  if (
    input.author !== undefined ||
    input.dateCreated !== undefined ||
    input.dateUpdated !== undefined ||
    input.lastUpdatedBy !== undefined
  ) {
    throw fail.forbidden("Only account credentials may change a message's author, dates or LastUpdatedBy");
  }
  const own = message.author === actor.identity;
  const may = async (ownPermission: string, anyPermission: string) => {
    if (own && (await can(core, actor, service, ownPermission, message.conversationSid))) return;
    await requirePermission(core, actor, service, anyPermission, message.conversationSid);
  };
  if (input.body !== undefined || input.subject !== undefined) await may("editOwnMessage", "editAnyMessage");
  if (input.attributes !== undefined) await may("editOwnMessageAttributes", "editAnyMessageAttributes");
}

/** Removes a message and its receipts; its index is never given out again. */
export async function deleteMessage(core: Core, actor: Actor, service: ServiceRecord, conversationId: string, sid: string): Promise<void> {
  const conversation = await findConversation(core, actor, service, conversationId);
  const current = await messageOf(core, conversation.sid, sid);
  core.writeRate.take(conversation.sid);
  if (actor.kind === "user") {
    const own = current.author === actor.identity && (await can(core, actor, service, "deleteOwnMessage", conversation.sid));
    if (!own) await requirePermission(core, actor, service, "deleteAnyMessage", conversation.sid);
  }
  await runPreHook(core, actor, "onMessageRemove", scopeOf(current), messageHookParams(current));
  await core.store.transaction(async (tx) => {
    await tx.removeChildren("receipt", current.sid);
    await tx.remove("message", current.sid);
    await recordEvent(tx, core, "message.removed", scopeOf(current), { message: current }, actor);
  });
  await flushOutbox(core);
}

/** How a message fared with its non-chat recipients, from its receipts; null when it has none. */
export type DeliverySummary = {
  total: number;
  sent: Share;
  delivered: Share;
  read: Share;
  failed: Share;
  undelivered: Share;
};
type Share = "all" | "some" | "none";

export async function deliveryOf(
  core: Pick<Core, "limits"> & { store: StoreReader },
  message: MessageRecord,
): Promise<DeliverySummary | null> {
  const receipts = await core.store.list("receipt", { parent: message.sid, limit: core.limits.participantsPerConversation });
  const total = receipts.items.length;
  if (total === 0) return null;
  // Statuses progress (sent → delivered → read), so a read message was also sent and delivered.
  const share = (statuses: string[]): Share => {
    const n = receipts.items.filter((r) => statuses.includes(r.status)).length;
    return n === 0 ? "none" : n === total ? "all" : "some";
  };
  return {
    total,
    sent: share(["sent", "delivered", "read"]),
    delivered: share(["delivered", "read"]),
    read: share(["read"]),
    failed: share(["failed"]),
    undelivered: share(["undelivered"]),
  };
}

function scopeOf(m: MessageRecord) {
  return { accountSid: m.accountSid, serviceSid: m.serviceSid, conversationSid: m.conversationSid };
}

function messageHookParams(m: Partial<MessageRecord> & { mediaSid?: string }): Record<string, string> {
  const params: Record<string, string | null | undefined> = {
    MessageSid: m.sid,
    Index: m.index === undefined ? undefined : String(m.index),
    Author: m.author,
    Body: m.body,
    Attributes: m.attributes,
    ParticipantSid: m.participantSid,
    Media: m.media ? JSON.stringify(m.media) : undefined,
    MediaSid: m.mediaSid,
    DateCreated: m.dateCreated,
    DateUpdated: m.dateUpdated,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Asks the pre-event hook, and applies the fields it may change (body, author, attributes). */
async function applyMessageHook<T extends MessageInput | MessageUpdate>(
  core: Core,
  actor: Actor,
  conversation: ConversationRecord,
  eventType: string,
  current: MessageRecord | undefined,
  input: T,
): Promise<T> {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<MessageRecord> & {
    mediaSid?: string;
  };
  const changes = await runPreHook(
    core,
    actor,
    eventType,
    { accountSid: conversation.accountSid, serviceSid: conversation.serviceSid, conversationSid: conversation.sid },
    messageHookParams({ ...current, ...given }),
  );
  return {
    ...input,
    ...(changes.body !== undefined ? { body: changes.body } : {}),
    ...(changes.author !== undefined ? { author: changes.author } : {}),
    ...(changes.attributes !== undefined ? { attributes: changes.attributes } : {}),
  };
}
