import {
  type ConversationRecord,
  type MessagingBinding,
  type Page,
  type ParticipantRecord,
  type ServiceRecord,
  type StoreWriter,
  UniqueKeyError,
  type UserRecord,
} from "../store/index.js";
import { checkAttributes } from "./attributes.js";
import type { Actor, Core } from "./context.js";
import { changedFields, findConversation, type PageRequest, typeOf, withTimers } from "./conversations.js";
import { DomainCodes, fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { newSid, SidPrefix } from "./ids.js";
import { can, requirePermission } from "./permissions.js";
import { runPreHook } from "./pre-hooks.js";
import { nextReadHorizon } from "./read-horizon.js";
import { isoSeconds } from "./time.js";
import { ensureUserRecord } from "./users.js";

/** A participant to add: a chat participant (`identity`) or a non-chat one (`address`). */
export type ParticipantInput = {
  identity?: string;
  address?: string;
  proxyAddress?: string;
  projectedAddress?: string;
  attributes?: string;
  roleSid?: string;
  dateCreated?: string;
  dateUpdated?: string;
  /** A read horizon to start with (Chat v2's `LastConsumedMessageIndex`, `LastConsumptionTimestamp`). */
  lastReadMessageIndex?: number | null;
  lastReadTimestamp?: string;
};

/** Changes to a participant; only the fields given change (`null` clears an address or the read horizon). */
export type ParticipantUpdate = {
  identity?: string;
  proxyAddress?: string | null;
  projectedAddress?: string | null;
  attributes?: string;
  roleSid?: string;
  lastReadMessageIndex?: number | null;
  lastReadTimestamp?: string;
  dateCreated?: string;
  dateUpdated?: string;
};

/** The account's view of an actor: who may see every conversation of the service. */
function accountView(actor: Actor): Actor {
  return { kind: "admin", accountSid: actor.accountSid };
}

/** A participant of a conversation by SID, or by identity (or address) as Twilio also accepts. */
async function participantOf(core: Core, conversationSid: string, sidOrIdentity: string): Promise<ParticipantRecord> {
  const bySid = await core.store.get("participant", sidOrIdentity);
  const found =
    bySid && bySid.conversationSid === conversationSid ? bySid : await core.store.getByKey("participant", conversationSid, sidOrIdentity);
  if (!found) throw fail.notFound(`/Conversations/${conversationSid}/Participants/${sidOrIdentity}`);
  return found;
}

/** Finds a participant of a visible conversation by SID or identity; 404 when missing. */
export async function findParticipant(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sidOrIdentity: string,
): Promise<ParticipantRecord> {
  const conversation = await findConversation(core, actor, service, conversationId);
  return participantOf(core, conversation.sid, sidOrIdentity);
}

export async function listParticipants(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  page: PageRequest,
): Promise<Page<ParticipantRecord>> {
  const conversation = await findConversation(core, actor, service, conversationId);
  return core.store.list("participant", {
    parent: conversation.sid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/**
 * Adds a participant. A user adding itself joins (`joinConversation`: a public
 * conversation with `joinConversation`, a private one with an invite); adding others takes
 * `addParticipant` (`addNonChatParticipant` for an address) in the conversation.
 */
export async function addParticipant(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  input: ParticipantInput,
): Promise<ParticipantRecord> {
  if (actor.kind === "user" && input.identity === actor.identity) {
    if (input.roleSid !== undefined) throw fail.forbidden("Only account credentials may choose a participant's role");
    return joinConversation(core, actor, service, conversationId, input);
  }
  const conversation = await findConversation(core, actor, service, conversationId);
  core.writeRate.take(conversation.sid);
  const record = await prepareParticipant(core, actor, service, conversation, input);
  const added = await core.store.transaction((tx) => insertParticipant(core, tx, service, record, actor));
  await flushOutbox(core);
  return added.participant;
}

/**
 * A user adds itself. Who may: on a conversation it has an invite to, anyone (joining consumes
 * the invite, and the participant gets the invite's role); on a public one, a user whose service
 * role has `joinConversation`; on a private one without an invite, only a user whose service role
 * may add anyone (`addParticipant`). A private conversation stays invisible (404) to the others.
 */
export async function joinConversation(
  core: Core,
  actor: Actor & { kind: "user" },
  service: ServiceRecord,
  conversationId: string,
  input: Pick<ParticipantInput, "attributes" | "lastReadMessageIndex" | "lastReadTimestamp"> = {},
): Promise<ParticipantRecord> {
  const conversation = await findConversation(core, accountView(actor), service, conversationId);
  if (await core.store.getByKey("participant", conversation.sid, actor.identity)) {
    throw fail.conflict("Participant already exists", DomainCodes.participantExists);
  }
  const invite = await core.store.getByKey("invite", conversation.sid, actor.identity);
  const isPublic = typeOf(conversation) === "public";
  const mayAddAnyone = await can(core, actor, service, "addParticipant");
  if (!invite) {
    if (!isPublic && !mayAddAnyone) throw fail.notFound(`/Conversations/${conversationId}`);
    if (isPublic && !mayAddAnyone && !(await can(core, actor, service, "joinConversation"))) {
      throw fail.forbidden("The joinConversation permission is needed for this");
    }
  }
  core.writeRate.take(conversation.sid);
  if (conversation.state === "closed") throw closedConversation();
  const built = await buildParticipant(
    core,
    service,
    conversation,
    {
      identity: actor.identity,
      ...(input.attributes !== undefined ? { attributes: input.attributes } : {}),
      ...(input.lastReadMessageIndex !== undefined ? { lastReadMessageIndex: input.lastReadMessageIndex } : {}),
      ...(input.lastReadTimestamp !== undefined ? { lastReadTimestamp: input.lastReadTimestamp } : {}),
    },
    invite?.roleSid,
  );
  const record = await withHookChanges(core, actor, built);
  const added = await core.store.transaction(async (tx) => {
    // An invite that was the only way in must still be there (not declined or withdrawn meanwhile).
    if (invite && !isPublic && !mayAddAnyone && !(await tx.get("invite", invite.sid)))
      throw fail.notFound(`/Conversations/${conversationId}`);
    return insertParticipant(core, tx, service, record, actor);
  });
  await flushOutbox(core);
  return added.participant;
}

/**
 * Checks that the actor may add this participant, validates it and asks the pre-event hook;
 * builds the record without writing. `creating`: the actor is creating `conversation` (it is
 * not stored yet, and a user creating it will hold the creator role in it).
 */
export async function prepareParticipant(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversation: ConversationRecord,
  input: ParticipantInput,
  creating = false,
): Promise<ParticipantRecord> {
  await requireMayAdd(core, actor, service, conversation.sid, input, creating);
  if (conversation.state === "closed") throw closedConversation();
  return withHookChanges(core, actor, await buildParticipant(core, service, conversation, input));
}

/** Asks the pre-event hook about a participant to add, and applies what it may change (attributes). */
async function withHookChanges(core: Core, actor: Actor, record: ParticipantRecord): Promise<ParticipantRecord> {
  const changes = await runPreHook(core, actor, "onParticipantAdd", scopeOf(record), participantHookParams(record, false));
  if (changes.attributes === undefined) return record;
  return { ...record, attributes: checkAttributes(changes.attributes, core.limits.attributesBytes) ?? record.attributes };
}

async function requireMayAdd(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationSid: string,
  input: ParticipantInput,
  creating: boolean,
): Promise<void> {
  if (actor.kind === "admin") return;
  if (input.roleSid !== undefined) throw fail.forbidden("Only account credentials may choose a participant's role");
  const horizon = input.lastReadMessageIndex !== undefined || input.lastReadTimestamp !== undefined;
  if (horizon && input.identity !== actor.identity) throw fail.forbidden("A user may only set its own read horizon");
  // A conversation being created has no participants yet: its creator will hold the creator role.
  const mayInConversation = async (permission: string) =>
    creating
      ? ((await core.store.get("role", service.defaultConversationCreatorRoleSid))?.permissions.includes(permission) ?? false)
      : can(core, actor, service, permission, conversationSid);
  if (input.identity !== undefined && input.identity === actor.identity) {
    if ((await can(core, actor, service, "joinConversation")) || (await mayInConversation("addParticipant"))) return;
    throw fail.forbidden("The joinConversation permission is needed for this");
  }
  const permission = input.identity !== undefined ? "addParticipant" : "addNonChatParticipant";
  if ((await can(core, actor, service, permission)) || (await mayInConversation(permission))) return;
  throw fail.forbidden(`The ${permission} permission is needed for this`);
}

/** `invitedRole`: the role of the invite a joining user holds (a role already checked when inviting). */
async function buildParticipant(
  core: Core,
  service: ServiceRecord,
  conversation: ConversationRecord,
  input: ParticipantInput,
  invitedRole?: string,
): Promise<ParticipantRecord> {
  const chat = input.identity !== undefined;
  if (chat === (input.address !== undefined)) {
    throw fail.invalid("Exactly one of Identity and MessagingBinding.Address is required");
  }
  if (chat && !input.identity) throw fail.invalid("Identity must not be empty");
  if (!chat && !input.address) throw fail.invalid("MessagingBinding.Address must not be empty");
  if (chat && input.proxyAddress !== undefined) {
    throw fail.invalid("MessagingBinding.ProxyAddress is for non-chat participants (a chat participant may have a ProjectedAddress)");
  }
  if (!chat && input.projectedAddress !== undefined) throw fail.invalid("MessagingBinding.ProjectedAddress is for chat participants");
  const now = isoSeconds(core.now());
  const roleSid =
    input.roleSid !== undefined ? await checkRole(core, service, input.roleSid) : (invitedRole ?? service.defaultConversationRoleSid);
  return {
    sid: newSid(SidPrefix.participant),
    accountSid: conversation.accountSid,
    serviceSid: conversation.serviceSid,
    conversationSid: conversation.sid,
    identity: input.identity ?? null,
    attributes: checkAttributes(input.attributes, core.limits.attributesBytes) ?? "{}",
    messagingBinding: chat
      ? input.projectedAddress
        ? { type: "sms", address: null, proxyAddress: null, projectedAddress: input.projectedAddress }
        : null
      : {
          type: channelOf(input.address ?? ""),
          address: input.address ?? null,
          proxyAddress: input.proxyAddress ?? null,
          projectedAddress: null,
        },
    roleSid,
    ...nextReadHorizon({ lastReadMessageIndex: null, lastReadTimestamp: null }, input, now),
    notificationLevel: "default",
    dateCreated: input.dateCreated ? isoSeconds(new Date(input.dateCreated)) : now,
    dateUpdated: input.dateUpdated ? isoSeconds(new Date(input.dateUpdated)) : now,
  };
}

/** The channel of a non-chat address, as Twilio names it in `messaging_binding.type`. */
function channelOf(address: string): MessagingBinding["type"] {
  if (address.startsWith("whatsapp:")) return "whatsapp";
  if (address.includes("@")) return "email";
  return "sms";
}

/** A role a participant may hold: a conversation role of the same service. */
export async function checkRole(core: Core, service: ServiceRecord, roleSid: string): Promise<string> {
  const role = await core.store.get("role", roleSid);
  if (!role || role.serviceSid !== service.sid || role.type !== "conversation") {
    throw fail.invalid(`RoleSid ${roleSid} is not a conversation role of this service`);
  }
  return role.sid;
}

function closedConversation() {
  return fail.invalid("The conversation is closed", DomainCodes.conversationClosed);
}

export type AddedParticipant = { participant: ParticipantRecord; user: UserRecord | null };

/**
 * Writes a prepared participant inside `tx`: the conversation must still be there and open, and
 * below the participant limit, and the identity below its limit of conversations. A new identity
 * becomes a user of the service, as on Twilio.
 */
export async function insertParticipant(
  core: Core,
  tx: StoreWriter,
  service: ServiceRecord,
  record: ParticipantRecord,
  actor: Actor,
): Promise<AddedParticipant> {
  const conversation = await tx.get("conversation", record.conversationSid);
  if (!conversation) throw fail.notFound(`/Conversations/${record.conversationSid}`);
  if (withTimers(conversation, core.now()).state === "closed") throw closedConversation();
  // A service may set lower limits of its own (Chat v2's `Limits.ChannelMembers`, `Limits.UserChannels`).
  const own = (await tx.get("service", service.sid))?.chat?.limits;
  const participantLimit = Math.min(core.limits.participantsPerConversation, own?.channelMembers ?? Number.POSITIVE_INFINITY);
  const identityLimit = Math.min(core.limits.conversationsPerIdentity, own?.userChannels ?? Number.POSITIVE_INFINITY);
  const count = await tx.count("participant", { parent: record.conversationSid });
  if (count >= participantLimit) {
    throw fail.invalid(`A conversation may have at most ${participantLimit} participants`, DomainCodes.participantLimit);
  }
  if (record.identity !== null) {
    const memberships = await tx.count("participant", { where: { serviceSid: service.sid, identity: record.identity } });
    if (memberships >= identityLimit) {
      throw fail.invalid(
        `${record.identity} takes part in ${memberships} conversations, the most one identity may`,
        DomainCodes.identityConversationLimit,
      );
    }
  }
  try {
    await tx.insert("participant", record);
  } catch (error) {
    throw participantConflict(error);
  }
  const user = await ensureUser(tx, service, record);
  if (user) await recordEvent(tx, core, "user.added", { accountSid: user.accountSid, serviceSid: user.serviceSid }, { user }, actor);
  // Taking part answers a pending invite, however the participant came in (joined, or added).
  const invite = record.identity === null ? null : await tx.getByKey("invite", record.conversationSid, record.identity);
  if (invite) {
    await tx.remove("invite", invite.sid);
    await recordEvent(tx, core, "invite.removed", scopeOf(record), { invite, conversation, reason: "joined" }, actor);
  }
  await recordEvent(tx, core, "participant.added", scopeOf(record), { participant: record }, actor);
  return { participant: record, user };
}

function participantConflict(error: unknown): unknown {
  return error instanceof UniqueKeyError ? fail.conflict("Participant already exists", DomainCodes.participantExists) : error;
}

/** Creates the user of a chat participant's identity when the service has none yet. */
/** The user of a chat participant's identity, created when it has none yet (as Twilio does). */
function ensureUser(tx: StoreWriter, service: ServiceRecord, participant: ParticipantRecord): Promise<UserRecord | null> {
  if (participant.identity === null) return Promise.resolve(null);
  return ensureUserRecord(tx, service, participant.identity, participant.dateUpdated);
}

export async function updateParticipant(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sidOrIdentity: string,
  input: ParticipantUpdate,
): Promise<ParticipantRecord> {
  const conversation = await findConversation(core, actor, service, conversationId);
  const current = await participantOf(core, conversation.sid, sidOrIdentity);
  core.writeRate.take(conversation.sid);
  await requireMayUpdate(core, actor, service, current, input);
  const chat = current.identity !== null;
  if (input.identity !== undefined && (!chat || !input.identity))
    throw fail.invalid("Only a chat participant has an Identity, and it must not be empty");
  if (chat && input.proxyAddress !== undefined) throw fail.invalid("MessagingBinding.ProxyAddress is for non-chat participants");
  if (!chat && input.projectedAddress !== undefined) throw fail.invalid("MessagingBinding.ProjectedAddress is for chat participants");
  const roleSid = input.roleSid === undefined ? current.roleSid : await checkRole(core, service, input.roleSid);
  let attributes = checkAttributes(input.attributes, core.limits.attributesBytes);
  const changes = await runPreHook(core, actor, "onParticipantUpdate", scopeOf(current), {
    ...participantHookParams(current, true),
    ...(attributes !== undefined ? { Attributes: attributes } : {}),
    ...(input.roleSid !== undefined ? { RoleSid: roleSid } : {}),
    ...(typeof input.lastReadMessageIndex === "number" ? { LastReadMessageIndex: String(input.lastReadMessageIndex) } : {}),
  });
  if (changes.attributes !== undefined) attributes = checkAttributes(changes.attributes, core.limits.attributesBytes);
  const now = isoSeconds(core.now());
  const updated: ParticipantRecord = {
    ...current,
    identity: input.identity ?? current.identity,
    attributes: attributes ?? current.attributes,
    roleSid,
    messagingBinding: bindingWith(current.messagingBinding, input),
    ...nextReadHorizon(current, input, now),
    dateCreated: input.dateCreated ? isoSeconds(new Date(input.dateCreated)) : current.dateCreated,
    dateUpdated: input.dateUpdated ? isoSeconds(new Date(input.dateUpdated)) : now,
  };
  await core.store.transaction(async (tx) => {
    try {
      await tx.update("participant", updated);
    } catch (error) {
      throw participantConflict(error);
    }
    const user = updated.identity !== current.identity ? await ensureUser(tx, service, updated) : null;
    if (user) await recordEvent(tx, core, "user.added", { accountSid: user.accountSid, serviceSid: user.serviceSid }, { user }, actor);
    await recordEvent(
      tx,
      core,
      "participant.updated",
      scopeOf(updated),
      { participant: updated, updated: changedFields(current, updated) },
      actor,
    );
  });
  await flushOutbox(core);
  return updated;
}

/** A participant's messaging binding with the addresses an update sets (`null` removes one). */
function bindingWith(binding: MessagingBinding | null, input: ParticipantUpdate): MessagingBinding | null {
  if (input.proxyAddress === undefined && input.projectedAddress === undefined) return binding;
  const next: MessagingBinding = binding ?? { type: "sms", address: null, proxyAddress: null, projectedAddress: null };
  const merged = {
    ...next,
    ...(input.proxyAddress !== undefined ? { proxyAddress: input.proxyAddress } : {}),
    ...(input.projectedAddress !== undefined ? { projectedAddress: input.projectedAddress } : {}),
  };
  // A chat participant without a projected address has no binding at all.
  return merged.address === null && merged.proxyAddress === null && merged.projectedAddress === null ? null : merged;
}

/**
 * The account may change anything. A user may move only its own read horizon, and change
 * attributes with `editOwnParticipantAttributes` (its own) or `editAnyParticipantAttributes`.
 */
async function requireMayUpdate(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  participant: ParticipantRecord,
  input: ParticipantUpdate,
): Promise<void> {
  if (actor.kind === "admin") return;
  const own = participant.identity === actor.identity;
  const accountOnly = [input.identity, input.roleSid, input.proxyAddress, input.projectedAddress, input.dateCreated, input.dateUpdated];
  if (accountOnly.some((v) => v !== undefined)) {
    throw fail.forbidden("Only account credentials may change a participant's identity, role, addresses or dates");
  }
  if ((input.lastReadMessageIndex !== undefined || input.lastReadTimestamp !== undefined) && !own) {
    throw fail.forbidden("A user may only move its own read horizon");
  }
  if (input.attributes !== undefined) {
    const conversationSid = participant.conversationSid;
    if (own && (await can(core, actor, service, "editOwnParticipantAttributes", conversationSid))) return;
    await requirePermission(core, actor, service, "editAnyParticipantAttributes", conversationSid);
  }
}

/** Removes a participant: the account, the participant itself (`leaveConversation`), or `removeParticipant`. */
export async function removeParticipant(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sidOrIdentity: string,
): Promise<void> {
  const conversation = await findConversation(core, actor, service, conversationId);
  const current = await participantOf(core, conversation.sid, sidOrIdentity);
  core.writeRate.take(conversation.sid);
  if (actor.kind === "user") {
    const leaving = current.identity === actor.identity && (await can(core, actor, service, "leaveConversation", conversation.sid));
    if (!leaving) await requirePermission(core, actor, service, "removeParticipant", conversation.sid);
  }
  await runPreHook(core, actor, "onParticipantRemove", scopeOf(current), participantHookParams(current, true));
  await core.store.transaction(async (tx) => {
    await tx.remove("participant", current.sid);
    await recordEvent(tx, core, "participant.removed", scopeOf(current), { participant: current }, actor);
  });
  await flushOutbox(core);
}

function scopeOf(p: ParticipantRecord) {
  return { accountSid: p.accountSid, serviceSid: p.serviceSid, conversationSid: p.conversationSid };
}

/** Twilio's pre-event webhook parameters for a participant (no SID before it exists). */
function participantHookParams(p: ParticipantRecord, withSid: boolean): Record<string, string> {
  const params: Record<string, string | null | undefined> = {
    ParticipantSid: withSid ? p.sid : undefined,
    Identity: p.identity,
    Attributes: p.attributes,
    RoleSid: p.roleSid,
    "MessagingBinding.Address": p.messagingBinding?.address,
    "MessagingBinding.ProxyAddress": p.messagingBinding?.proxyAddress,
    "MessagingBinding.ProjectedAddress": p.messagingBinding?.projectedAddress,
    DateCreated: p.dateCreated,
    DateUpdated: p.dateUpdated,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"));
}
