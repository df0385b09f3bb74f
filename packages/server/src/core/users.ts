import { type Page, type ServiceRecord, type StoreWriter, UniqueKeyError, type UserRecord } from "../store/index.js";
import { checkAttributes } from "./attributes.js";
import type { Actor, Core } from "./context.js";
import { changedFields, type PageRequest } from "./conversations.js";
import { DomainCodes, fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { newSid, SidPrefix } from "./ids.js";
import { can, requireAdmin, requirePermission } from "./permissions.js";
import { runPreHook } from "./pre-hooks.js";
import { requireRoleOfType } from "./roles.js";
import { isoSeconds } from "./time.js";

export type UserInput = { identity: string; friendlyName?: string; attributes?: string; roleSid?: string };

export type UserUpdate = { friendlyName?: string; attributes?: string; roleSid?: string };

/** A user with what a fetch says about its reachability (list answers leave both null). */
export type UserView = UserRecord & { isOnline: boolean | null; isNotifiable: boolean | null };

/**
 * A page of the service's users. Only the account lists them: SDKs look users up one identity at
 * a time, and a user token walking the whole directory is not something Twilio offers.
 */
export async function listUsers(core: Core, actor: Actor, service: ServiceRecord, page: PageRequest): Promise<Page<UserRecord>> {
  requireAdmin(actor);
  const result = await core.store.list("user", {
    parent: service.sid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
  return { ...result, items: result.items.map((u) => ({ ...u, isOnline: null, isNotifiable: null })) };
}

/** A user of the service by SID or identity; 404 when missing. Any user of the service may look. */
export async function findUser(core: Core, actor: Actor, service: ServiceRecord, sidOrIdentity: string): Promise<UserRecord> {
  if (actor.accountSid !== service.accountSid) throw fail.notFound(`/Users/${sidOrIdentity}`);
  const bySid = await core.store.get("user", sidOrIdentity);
  const found = bySid && bySid.serviceSid === service.sid ? bySid : await core.store.getByKey("user", service.sid, sidOrIdentity);
  if (!found) throw fail.notFound(`/Users/${sidOrIdentity}`);
  return found;
}

/**
 * A user as a fetch shows it: with reachability on, whether it is online and whether it has a
 * push binding; with it off, null for both (Twilio does not say).
 */
export async function fetchUser(core: Core, actor: Actor, service: ServiceRecord, sidOrIdentity: string): Promise<UserView> {
  const user = await findUser(core, actor, service, sidOrIdentity);
  if (!service.reachabilityEnabled) return { ...user, isOnline: null, isNotifiable: null };
  const bindings = await core.store.count("binding", { parent: service.sid, where: { identity: user.identity } });
  return { ...user, isOnline: user.isOnline ?? false, isNotifiable: bindings > 0 };
}

export async function createUser(core: Core, actor: Actor, service: ServiceRecord, input: UserInput): Promise<UserRecord> {
  requireAdmin(actor);
  const attributes = checkAttributes(input.attributes, core.limits.attributesBytes) ?? "{}";
  const stamp = isoSeconds(core.now());
  const record = await core.store.transaction(async (tx) => {
    const roleSid = input.roleSid
      ? (await requireRoleOfType(tx, service, input.roleSid, "service")).sid
      : service.defaultChatServiceRoleSid;
    const user: UserRecord = {
      sid: newSid(SidPrefix.user),
      accountSid: service.accountSid,
      serviceSid: service.sid,
      identity: input.identity,
      friendlyName: input.friendlyName ?? null,
      attributes,
      roleSid,
      isOnline: null,
      isNotifiable: null,
      dateCreated: stamp,
      dateUpdated: stamp,
    };
    try {
      await tx.insert("user", user);
    } catch (error) {
      if (error instanceof UniqueKeyError) {
        throw fail.conflict(`User with identity ${input.identity} already exists`, DomainCodes.userIdentityTaken);
      }
      throw error;
    }
    await recordEvent(tx, core, "user.added", { accountSid: user.accountSid, serviceSid: user.serviceSid }, { user }, actor);
    return user;
  });
  await flushOutbox(core);
  return record;
}

/**
 * Updates a user. A user token may change its own friendly name and attributes with
 * `editOwnUserInfo`, anyone's with `editAnyUserInfo`; only the account changes roles.
 */
export async function updateUser(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  sidOrIdentity: string,
  input: UserUpdate,
): Promise<UserRecord> {
  const current = await findUser(core, actor, service, sidOrIdentity);
  if (actor.kind === "user") {
    if (input.roleSid !== undefined) throw fail.forbidden("Only account credentials may change a user's role");
    const own = current.identity === actor.identity;
    if (!(own && (await can(core, actor, service, "editOwnUserInfo")))) await requirePermission(core, actor, service, "editAnyUserInfo");
  }
  let attributes = checkAttributes(input.attributes, core.limits.attributesBytes);
  if (input.roleSid !== undefined) await requireRoleOfType(core.store, service, input.roleSid, "service");
  let friendlyName = input.friendlyName;
  const changes = await runPreHook(
    core,
    actor,
    "onUserUpdate",
    { accountSid: service.accountSid, serviceSid: service.sid },
    {
      UserSid: current.sid,
      Identity: current.identity,
      ...(friendlyName !== undefined ? { FriendlyName: friendlyName } : {}),
      ...(attributes !== undefined ? { Attributes: attributes } : {}),
      ...(input.roleSid !== undefined ? { RoleSid: input.roleSid } : {}),
    },
  );
  if (changes.friendly_name !== undefined) friendlyName = changes.friendly_name;
  if (changes.attributes !== undefined) attributes = checkAttributes(changes.attributes, core.limits.attributesBytes);
  const updated = await core.store.transaction(async (tx) => {
    // Checked again inside the write: the role may have been deleted meanwhile.
    const fresh = await tx.get("user", current.sid);
    if (!fresh) throw fail.notFound(`/Users/${sidOrIdentity}`);
    const roleSid = input.roleSid === undefined ? fresh.roleSid : (await requireRoleOfType(tx, service, input.roleSid, "service")).sid;
    const next: UserRecord = {
      ...fresh,
      friendlyName: friendlyName ?? fresh.friendlyName,
      attributes: attributes ?? fresh.attributes,
      roleSid,
      dateUpdated: isoSeconds(core.now()),
    };
    await tx.update("user", next);
    await recordEvent(
      tx,
      core,
      "user.updated",
      { accountSid: next.accountSid, serviceSid: next.serviceSid },
      { user: next, updated: changedFields(current, next) },
      actor,
    );
    return next;
  });
  await flushOutbox(core);
  return updated;
}

/** Deletes a user (account only). Its participants stay in their conversations, as on Twilio. */
export async function deleteUser(core: Core, actor: Actor, service: ServiceRecord, sidOrIdentity: string): Promise<void> {
  requireAdmin(actor);
  const current = await findUser(core, actor, service, sidOrIdentity);
  await core.store.transaction(async (tx) => {
    await tx.remove("user", current.sid);
    await recordEvent(
      tx,
      core,
      "user.removed",
      { accountSid: current.accountSid, serviceSid: current.serviceSid },
      { user: current },
      actor,
    );
  });
  await flushOutbox(core);
}

/** Makes sure an identity that connects has its user (as Twilio does); a known one costs a read, not a write. */
export async function ensureUser(core: Core, service: ServiceRecord, identity: string): Promise<void> {
  if (await core.store.getByKey("user", service.sid, identity)) return;
  const now = core.now().toISOString();
  await core.store.transaction((tx) => ensureUserRecord(tx, service, identity, now));
}

/** Creates the user of an identity that has none yet, with the service's default role; resolves it, or null when it existed. */
export async function ensureUserRecord(
  tx: StoreWriter,
  service: ServiceRecord,
  identity: string,
  date: string,
): Promise<UserRecord | null> {
  if (await tx.getByKey("user", service.sid, identity)) return null;
  const user: UserRecord = {
    sid: newSid(SidPrefix.user),
    accountSid: service.accountSid,
    serviceSid: service.sid,
    identity,
    friendlyName: null,
    attributes: "{}",
    roleSid: service.defaultChatServiceRoleSid,
    isOnline: null,
    isNotifiable: null,
    dateCreated: date,
    dateUpdated: date,
  };
  await tx.insert("user", user);
  return user;
}

/**
 * A user came online or went offline (its first socket opened, its last one closed). The User
 * resource shows it, and a `user.updated` event (without webhooks) carries it to every stream
 * that shows this user, as Twilio's SDKs expect for `reachabilityOnline`.
 */
export async function setReachability(
  core: Core,
  service: ServiceRecord,
  identity: string,
  online: boolean,
  notifiable: boolean,
): Promise<void> {
  const changed = await core.store.transaction(async (tx) => {
    const current = await tx.getByKey("user", service.sid, identity);
    if (!current || (current.isOnline === online && current.isNotifiable === notifiable)) return false;
    const next: UserRecord = { ...current, isOnline: online, isNotifiable: notifiable };
    await tx.update("user", next);
    await recordEvent(
      tx,
      core,
      "user.updated",
      { accountSid: next.accountSid, serviceSid: next.serviceSid },
      { user: next, updated: changedFields(current, next) },
    );
    return true;
  });
  if (changed) await flushOutbox(core);
}
