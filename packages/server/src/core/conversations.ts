import {
  type ConversationRecord,
  type ConversationState,
  type ConversationType,
  type Page,
  type ServiceRecord,
  type StoreWriter,
  UniqueKeyError,
} from "../store/index.js";
import { checkAttributes } from "./attributes.js";
import type { Actor, Core } from "./context.js";
import { DomainCodes, fail } from "./errors.js";
import { changedFields } from "./changes.js";
import { flushOutbox, recordEvent } from "./events.js";
import { runPreHook } from "./pre-hooks.js";
import { applyDueTimers, checkTimer, withTimers } from "./timers.js";
import { newSid, SidPrefix } from "./ids.js";
import { isParticipant, requirePermission } from "./permissions.js";
import { addDuration, isoSeconds } from "./time.js";

export type ConversationInput = {
  friendlyName?: string;
  uniqueName?: string;
  attributes?: string;
  messagingServiceSid?: string;
  state?: ConversationState;
  timerInactive?: string;
  timerClosed?: string;
  dateCreated?: string;
  dateUpdated?: string;
  bindingsEmailAddress?: string;
  bindingsEmailName?: string;
  /** Public or private (Chat's channel type); a new conversation is private unless told. */
  type?: ConversationType;
  /** Who created it, as Chat's REST API lets the account say (`CreatedBy`); account only. */
  createdBy?: string;
};

export type PageRequest = { pageSize: number; after?: number; order?: "asc" | "desc" };

function timersFor(state: ConversationState, now: Date, timerInactive: string | null, timerClosed: string | null) {
  return {
    dateInactive: state === "active" && timerInactive ? addDuration(now, timerInactive) : null,
    dateClosed: state !== "closed" && timerClosed ? addDuration(now, timerClosed) : null,
  };
}

export async function createConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  input: ConversationInput,
): Promise<ConversationRecord> {
  const record = await prepareConversation(core, actor, service, input);
  await core.store.transaction((tx) => insertConversation(core, tx, actor, service, record));
  await flushOutbox(core);
  return record;
}

/**
 * The first half of creating a conversation: checks the permission, asks the pre-event hook and
 * builds the record, writing nothing (so a larger write can include it; see
 * conversation-with-participants.ts).
 */
export async function prepareConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  given: ConversationInput,
): Promise<ConversationRecord> {
  await requirePermission(core, actor, service, "createConversation");
  if (actor.kind === "user" && given.createdBy !== undefined)
    throw fail.forbidden("Only account credentials may say who created a conversation");
  const type = checkType(given.type) ?? "private";
  const input = await applyConversationHook(core, actor, service, "onConversationAdd", undefined, given);
  // The account's defaults fill what the request leaves out (Configuration's timers and
  // messaging service), as Twilio's do.
  const defaults = await core.store.get("configuration", service.accountSid);
  const timerInactive =
    input.timerInactive !== undefined
      ? checkTimer(input.timerInactive, "Timers.Inactive", "inactive")
      : (defaults?.defaultInactiveTimer ?? null);
  const timerClosed =
    input.timerClosed !== undefined ? checkTimer(input.timerClosed, "Timers.Closed", "closed") : (defaults?.defaultClosedTimer ?? null);
  const now = core.now();
  const state = input.state ?? "active";
  return {
    sid: newSid(SidPrefix.conversation),
    accountSid: service.accountSid,
    serviceSid: service.sid,
    messagingServiceSid: input.messagingServiceSid ?? defaults?.defaultMessagingServiceSid ?? null,
    uniqueName: input.uniqueName ?? null,
    friendlyName: input.friendlyName ?? null,
    attributes: checkAttributes(input.attributes, core.limits.conversationAttributesBytes) ?? "{}",
    state,
    timerInactive,
    timerClosed,
    ...timersFor(state, now, timerInactive, timerClosed),
    bindingsEmailAddress: input.bindingsEmailAddress ?? null,
    bindingsEmailName: input.bindingsEmailName ?? null,
    lastMessageIndex: null,
    lastMessageDate: null,
    createdBy: actor.kind === "user" ? actor.identity : (input.createdBy ?? null),
    type,
    dateCreated: input.dateCreated ? isoSeconds(new Date(input.dateCreated)) : isoSeconds(now),
    dateUpdated: input.dateUpdated ? isoSeconds(new Date(input.dateUpdated)) : isoSeconds(now),
  };
}

/** The second half: writes a prepared conversation inside `tx`; a taken unique name is a 409. */
export async function insertConversation(
  core: Core,
  tx: StoreWriter,
  actor: Actor,
  service: ServiceRecord,
  record: ConversationRecord,
): Promise<void> {
  try {
    await tx.insert("conversation", record);
  } catch (error) {
    throw uniqueNameConflict(error, record.uniqueName);
  }
  await recordEvent(tx, core, "conversation.added", scopeOfConversation(record), { conversation: record }, actor);
  // A user who creates a conversation takes part in it, with the creator role, as the SDKs do.
  if (actor.kind === "user") {
    const creator = await tx.insert("participant", {
      sid: newSid(SidPrefix.participant),
      accountSid: record.accountSid,
      serviceSid: record.serviceSid,
      conversationSid: record.sid,
      identity: actor.identity,
      attributes: "{}",
      messagingBinding: null,
      roleSid: service.defaultConversationCreatorRoleSid,
      lastReadMessageIndex: null,
      lastReadTimestamp: null,
      notificationLevel: "default",
      dateCreated: record.dateCreated,
      dateUpdated: record.dateCreated,
    });
    // The creator's clients learn they joined like any other participant's do.
    await recordEvent(tx, core, "participant.added", scopeOfConversation(record), { participant: creator }, actor);
  }
}

/** A conversation's type: records from before channel types are private. */
export function typeOf(c: ConversationRecord): ConversationType {
  return c.type ?? "private";
}

/** Checks a requested type; Twilio answers anything but `public`/`private` with a 400. */
function checkType(type: string | undefined): ConversationType | undefined {
  if (type === undefined) return undefined;
  if (type !== "public" && type !== "private") throw fail.invalid(`Type must be public or private, not ${JSON.stringify(type)}`);
  return type;
}

function scopeOfConversation(c: ConversationRecord) {
  return { accountSid: c.accountSid, serviceSid: c.serviceSid, conversationSid: c.sid };
}

function uniqueNameConflict(error: unknown, uniqueName: string | null): unknown {
  if (error instanceof UniqueKeyError) {
    return fail.conflict(`Conversation with provided unique name ${uniqueName} already exists`, DomainCodes.conversationUniqueNameTaken);
  }
  return error;
}

/** Finds a conversation of the service by SID or unique name; 404 when missing or not visible. */
export async function findConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  sidOrUniqueName: string,
): Promise<ConversationRecord> {
  const bySid = await core.store.get("conversation", sidOrUniqueName);
  const found = bySid && bySid.serviceSid === service.sid ? bySid : await core.store.getByKey("conversation", service.sid, sidOrUniqueName);
  if (!found || !(await isParticipant(core, actor, found.sid))) throw fail.notFound(`/Conversations/${sidOrUniqueName}`);
  return withTimers(found, core.now());
}

export async function updateConversation(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  sidOrUniqueName: string,
  given: ConversationInput,
): Promise<ConversationRecord> {
  let input = given;
  const current = await findConversation(core, actor, service, sidOrUniqueName);
  core.writeRate.take(current.sid);
  if (input.friendlyName !== undefined || input.uniqueName !== undefined)
    await requirePermission(core, actor, service, "editConversationName", current.sid);
  if (input.attributes !== undefined) await requirePermission(core, actor, service, "editConversationAttributes", current.sid);
  const accountOnly = [
    input.state,
    input.timerClosed,
    input.timerInactive,
    input.messagingServiceSid,
    input.bindingsEmailAddress,
    input.bindingsEmailName,
    input.dateCreated,
    input.dateUpdated,
    input.type,
    input.createdBy,
  ];
  if (actor.kind === "user" && accountOnly.some((v) => v !== undefined)) {
    throw fail.forbidden(
      "Only account credentials may change a conversation's state, timers, messaging service, bindings, type, creator or dates",
    );
  }
  input = await applyConversationHook(core, actor, service, "onConversationUpdate", current.sid, input);
  const now = core.now();
  if (current.state === "closed" && input.state !== undefined && input.state !== "closed") {
    throw fail.invalid("A closed conversation cannot be opened again", DomainCodes.conversationClosedForever);
  }
  const state = input.state ?? current.state;
  const type = checkType(input.type);
  const timerInactive =
    input.timerInactive !== undefined ? checkTimer(input.timerInactive, "Timers.Inactive", "inactive") : current.timerInactive;
  const timerClosed = input.timerClosed !== undefined ? checkTimer(input.timerClosed, "Timers.Closed", "closed") : current.timerClosed;
  const timersChanged = input.state !== undefined || input.timerInactive !== undefined || input.timerClosed !== undefined;
  const updated: ConversationRecord = {
    ...current,
    friendlyName: input.friendlyName ?? current.friendlyName,
    uniqueName: input.uniqueName === undefined ? current.uniqueName : input.uniqueName || null,
    attributes: checkAttributes(input.attributes, core.limits.conversationAttributesBytes) ?? current.attributes,
    messagingServiceSid: input.messagingServiceSid ?? current.messagingServiceSid,
    state,
    timerInactive,
    timerClosed,
    ...(timersChanged ? timersFor(state, now, timerInactive, timerClosed) : {}),
    bindingsEmailAddress: input.bindingsEmailAddress ?? current.bindingsEmailAddress,
    bindingsEmailName: input.bindingsEmailName ?? current.bindingsEmailName,
    // Records from before types and creators keep lacking them unless the update sets them.
    ...(input.type !== undefined ? { type } : {}),
    ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
    dateCreated: input.dateCreated ? isoSeconds(new Date(input.dateCreated)) : current.dateCreated,
    dateUpdated: input.dateUpdated ? isoSeconds(new Date(input.dateUpdated)) : isoSeconds(now),
  };
  try {
    await core.store.transaction(async (tx) => {
      await tx.update("conversation", updated);
      await recordEvent(
        tx,
        core,
        "conversation.updated",
        scopeOfConversation(updated),
        { conversation: updated, updated: changedFields(current, updated) },
        actor,
      );
    });
  } catch (error) {
    throw uniqueNameConflict(error, updated.uniqueName);
  }
  await flushOutbox(core);
  return updated;
}

export async function deleteConversation(core: Core, actor: Actor, service: ServiceRecord, sidOrUniqueName: string): Promise<void> {
  const current = await findConversation(core, actor, service, sidOrUniqueName);
  await requirePermission(core, actor, service, "deleteConversation", current.sid);
  await runPreHook(
    core,
    actor,
    "onConversationRemove",
    { accountSid: current.accountSid, serviceSid: current.serviceSid, conversationSid: current.sid },
    conversationHookParams(current),
  );
  await core.store.transaction(async (tx) => {
    // Who took part is gone with the conversation; the event keeps it for those who must be told.
    const participants = await tx.list("participant", { parent: current.sid, limit: Number.MAX_SAFE_INTEGER });
    const messages = await tx.list("message", { parent: current.sid, limit: Number.MAX_SAFE_INTEGER });
    const invites = await tx.list("invite", { parent: current.sid, limit: Number.MAX_SAFE_INTEGER });
    for (const message of messages.items) await tx.removeChildren("receipt", message.sid);
    await tx.removeChildren("message", current.sid);
    await tx.removeChildren("participant", current.sid);
    await tx.removeChildren("invite", current.sid);
    await tx.removeChildren("conversationWebhook", current.sid);
    await tx.remove("conversation", current.sid);
    const identities = participants.items.map((p) => p.identity).filter((i): i is string => i !== null);
    // Invitees are told too: their pending invite is gone with it.
    const invitees = invites.items.map((i) => i.identity);
    await recordEvent(
      tx,
      core,
      "conversation.removed",
      scopeOfConversation(current),
      { conversation: current, identities, invitees, invites: invites.items },
      actor,
    );
  });
  await flushOutbox(core);
}

export type ConversationFilter = {
  state?: ConversationState;
  startDate?: string;
  endDate?: string;
  /** Only public or only private ones (Chat's `Type` filter). */
  type?: ConversationType;
};

/**
 * A page of the service's conversations (for a user: those it takes part in). State filters
 * apply to the stored state; timers that elapsed since are applied to what is returned.
 */
export async function listConversations(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  filter: ConversationFilter,
  page: PageRequest,
): Promise<Page<ConversationRecord>> {
  const dates = {
    ...(filter.startDate ? { createdFrom: dayBound(filter.startDate, "StartDate", "T00:00:00Z") } : {}),
    ...(filter.endDate ? { createdTo: dayBound(filter.endDate, "EndDate", "T23:59:59Z") } : {}),
  };
  // A state filter must see the states timers have made, not only those written.
  if (filter.state) await applyDueTimers(core, service.sid);
  if (actor.kind === "admin") {
    const where = { ...(filter.state ? { state: filter.state } : {}), ...(filter.type ? { type: checkType(filter.type) } : {}) };
    const result = await core.store.list("conversation", {
      parent: service.sid,
      ...(Object.keys(where).length > 0 ? { where } : {}),
      ...dates,
      limit: page.pageSize,
      order: page.order ?? "asc",
      ...(page.after === undefined ? {} : { after: page.after }),
    });
    return { ...result, items: result.items.map((c) => withTimers(c, core.now())) };
  }
  const participations = await core.store.list("participant", {
    where: { identity: actor.identity, serviceSid: service.sid },
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
  // Each item keeps the position of its own participation, so the next page starts after it
  // even when a conversation is left out (gone, or filtered by state).
  const items: ConversationRecord[] = [];
  const positions: number[] = [];
  for (const [i, p] of participations.items.entries()) {
    const conversation = await core.store.get("conversation", p.conversationSid);
    if (!conversation || (filter.state && conversation.state !== filter.state)) continue;
    if (filter.type && typeOf(conversation) !== checkType(filter.type)) continue;
    items.push(withTimers(conversation, core.now()));
    positions.push(participations.positions[i] as number);
  }
  return { items, positions, hasMore: participations.hasMore };
}

/**
 * A `StartDate`/`EndDate` as a timestamp: a day (`2024-05-01`, taken from its first or last
 * second) or an ISO 8601 timestamp. Anything else, or a day that does not exist, is a 400.
 */
function dayBound(value: string, name: string, timeOfDay: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parsed = new Date(day ? `${value}${timeOfDay}` : value);
  const real = !Number.isNaN(parsed.getTime()) && (!day || parsed.toISOString().slice(0, 10) === value);
  if (!real || (!day && !/^\d{4}-\d{2}-\d{2}T/.test(value)))
    throw fail.invalid(`${name} must be a date (YYYY-MM-DD) or an ISO 8601 timestamp`);
  return isoSeconds(parsed);
}

/** Twilio's webhook parameters for a conversation (or the fields a write is about to set). */
function conversationHookParams(c: { [F in keyof ConversationRecord]?: unknown }): Record<string, string> {
  const params: Record<string, unknown> = {
    ConversationSid: c.sid,
    FriendlyName: c.friendlyName,
    UniqueName: c.uniqueName,
    Attributes: c.attributes,
    MessagingServiceSid: c.messagingServiceSid,
    State: c.state,
    DateCreated: c.dateCreated,
    DateUpdated: c.dateUpdated,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Asks the pre-event hook, and applies the fields it may change (friendly name, unique name, attributes). */
async function applyConversationHook(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  eventType: string,
  conversationSid: string | undefined,
  input: ConversationInput,
): Promise<ConversationInput> {
  const changes = await runPreHook(
    core,
    actor,
    eventType,
    { accountSid: service.accountSid, serviceSid: service.sid, ...(conversationSid ? { conversationSid } : {}) },
    conversationHookParams(input),
  );
  return {
    ...input,
    ...(changes.friendly_name !== undefined ? { friendlyName: changes.friendly_name } : {}),
    ...(changes.unique_name !== undefined ? { uniqueName: changes.unique_name } : {}),
    ...(changes.attributes !== undefined ? { attributes: changes.attributes } : {}),
  };
}

// Kept importable from here: most core modules reach timers and changes through conversations.
export { changedFields, withTimers };
