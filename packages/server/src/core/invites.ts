import { type InviteRecord, type Page, type ServiceRecord, UniqueKeyError } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { findConversation, type PageRequest } from "./conversations.js";
import { DomainCodes, fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { newSid, SidPrefix } from "./ids.js";
import { checkRole } from "./participants.js";
import { can } from "./permissions.js";
import { isoSeconds } from "./time.js";
import { ensureUserRecord, findUser } from "./users.js";

/** An invite to create: whom, and (account only) the conversation role they will join with. */
export type InviteInput = { identity: string; roleSid?: string };

/**
 * Whether the actor may invite to (or withdraw invites of) a conversation: the account, or a user
 * with `inviteMember` (Chat's permission name), or one who may add participants outright, since an
 * invite asks less than adding does.
 */
async function mayInvite(core: Core, actor: Actor, service: ServiceRecord, conversationSid: string): Promise<boolean> {
  return (
    (await can(core, actor, service, "inviteMember", conversationSid)) ||
    (await can(core, actor, service, "addParticipant", conversationSid))
  );
}

/**
 * Invites a user to a conversation the actor takes part in (`inviteMember`). An identity that
 * already takes part, or already has an invite, is a 409; a new identity becomes a user of the
 * service, as a new participant's does.
 */
export async function createInvite(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  input: InviteInput,
): Promise<InviteRecord> {
  const conversation = await findConversation(core, actor, service, conversationId);
  if (!(await mayInvite(core, actor, service, conversation.sid))) throw fail.forbidden("The inviteMember permission is needed for this");
  if (actor.kind === "user" && input.roleSid !== undefined) throw fail.forbidden("Only account credentials may choose an invite's role");
  if (typeof input.identity !== "string" || input.identity === "") throw fail.invalid("Identity is required");
  if (conversation.state === "closed") throw fail.invalid("The conversation is closed", DomainCodes.conversationClosed);
  const roleSid = input.roleSid === undefined ? service.defaultConversationRoleSid : await checkRole(core, service, input.roleSid);
  core.writeRate.take(conversation.sid);
  const now = isoSeconds(core.now());
  const invite: InviteRecord = {
    sid: newSid(SidPrefix.invite),
    accountSid: conversation.accountSid,
    serviceSid: conversation.serviceSid,
    conversationSid: conversation.sid,
    identity: input.identity,
    roleSid,
    createdBy: actor.kind === "user" ? actor.identity : null,
    dateCreated: now,
    dateUpdated: now,
  };
  await core.store.transaction(async (tx) => {
    if (await tx.getByKey("participant", conversation.sid, input.identity)) {
      throw fail.conflict(`${input.identity} already takes part in the conversation`, DomainCodes.participantExists);
    }
    try {
      await tx.insert("invite", invite);
    } catch (error) {
      if (error instanceof UniqueKeyError) throw fail.conflict(`${input.identity} is already invited`, DomainCodes.participantExists);
      throw error;
    }
    const user = await ensureUserRecord(tx, service, invite.identity, now);
    if (user) await recordEvent(tx, core, "user.added", { accountSid: user.accountSid, serviceSid: user.serviceSid }, { user }, actor);
    await recordEvent(tx, core, "invite.added", scopeOf(invite), { invite, conversation }, actor);
  });
  await flushOutbox(core);
  return invite;
}

/** A page of a conversation's pending invites (for its participants and the account), optionally for one identity. */
export async function listInvites(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  filter: { identity?: string },
  page: PageRequest,
): Promise<Page<InviteRecord>> {
  const conversation = await findConversation(core, actor, service, conversationId);
  return core.store.list("invite", {
    parent: conversation.sid,
    ...(filter.identity !== undefined ? { where: { identity: filter.identity } } : {}),
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/** An invite of a conversation by SID or by the invitee's identity; 404 when missing. */
async function inviteOf(core: Core, conversationSid: string, sidOrIdentity: string): Promise<InviteRecord> {
  const bySid = await core.store.get("invite", sidOrIdentity);
  const found =
    bySid && bySid.conversationSid === conversationSid ? bySid : await core.store.getByKey("invite", conversationSid, sidOrIdentity);
  if (!found) throw fail.notFound(`/Conversations/${conversationSid}/Invites/${sidOrIdentity}`);
  return found;
}

/** The account's view: an invitee need not see the conversation otherwise to reach its own invite. */
const accountView = (actor: Actor): Actor => ({ kind: "admin", accountSid: actor.accountSid });

/**
 * One invite of a conversation, by SID or the invitee's identity: for the conversation's
 * participants, the account, and the invitee itself; 404 otherwise.
 */
export async function fetchInvite(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sidOrIdentity: string,
): Promise<InviteRecord> {
  const conversation = await findConversation(core, accountView(actor), service, conversationId);
  const invite = await inviteOf(core, conversation.sid, sidOrIdentity);
  if (actor.kind === "user" && invite.identity === actor.identity) return invite;
  await findConversation(core, actor, service, conversationId);
  return invite;
}

/**
 * Removes an invite by SID or identity: the invitee declines its own; otherwise the account, or
 * a participant who may invite, withdraws it.
 */
export async function deleteInvite(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sidOrIdentity: string,
): Promise<void> {
  const invite = await fetchInvite(core, actor, service, conversationId, sidOrIdentity);
  if (actor.kind === "user" && invite.identity === actor.identity) return removeInvite(core, actor, invite, "declined");
  if (!(await mayInvite(core, actor, service, invite.conversationSid)))
    throw fail.forbidden("The inviteMember permission is needed for this");
  await removeInvite(core, actor, invite, "deleted");
}

/**
 * The invitee turns its invite down (Chat's `channel.decline()`); 404 when it has none. The
 * conversation need not be visible to it otherwise: the invite is what lets it see it.
 */
export async function declineInvite(core: Core, actor: Actor, service: ServiceRecord, conversationId: string): Promise<InviteRecord> {
  if (actor.kind !== "user") throw fail.forbidden("Only the invited user may decline an invite");
  const conversation = await findConversation(core, accountView(actor), service, conversationId);
  const invite = await core.store.getByKey("invite", conversation.sid, actor.identity);
  if (!invite) throw fail.notFound(`/Conversations/${conversationId}/Invites/${actor.identity}`);
  await removeInvite(core, actor, invite, "declined");
  return invite;
}

async function removeInvite(core: Core, actor: Actor, invite: InviteRecord, reason: "deleted" | "declined"): Promise<void> {
  await core.store.transaction(async (tx) => {
    if (!(await tx.remove("invite", invite.sid))) throw fail.notFound(`/Invites/${invite.sid}`);
    const conversation = await tx.get("conversation", invite.conversationSid);
    await recordEvent(tx, core, "invite.removed", scopeOf(invite), { invite, conversation, reason }, actor);
  });
  await flushOutbox(core);
}

/**
 * A page of the invites a user holds across the service, for that user or the account (403 for
 * another user, as its conversations are); a user by SID or identity.
 */
export async function listUserInvites(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  userSidOrIdentity: string,
  page: PageRequest,
): Promise<Page<InviteRecord>> {
  const user = await findUser(core, actor, service, userSidOrIdentity);
  if (actor.kind === "user" && user.identity !== actor.identity) throw fail.forbidden("A user may only see its own invites");
  return listInvitesOf(core, service, user.identity, page);
}

/** A page of the invites an identity holds across the service (its `invited` channels). */
export async function listInvitesOf(core: Core, service: ServiceRecord, identity: string, page: PageRequest): Promise<Page<InviteRecord>> {
  return core.store.list("invite", {
    where: { serviceSid: service.sid, identity },
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/** The invite an identity holds to a conversation, or null. */
export function pendingInvite(core: Core, conversationSid: string, identity: string): Promise<InviteRecord | null> {
  return core.store.getByKey("invite", conversationSid, identity);
}

function scopeOf(i: InviteRecord) {
  return { accountSid: i.accountSid, serviceSid: i.serviceSid, conversationSid: i.conversationSid };
}
