import type { Page, RoleRecord, ServiceRecord, StoreReader } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import type { PageRequest } from "./conversations.js";
import { conversationPermissions, servicePermissions } from "./default-roles.js";
import { DomainCodes, fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { newSid, SidPrefix } from "./ids.js";
import { requireAdmin } from "./permissions.js";
import { isoSeconds } from "./time.js";

export type RoleType = RoleRecord["type"];

export type RoleInput = { friendlyName: string; type: RoleType; permissions: string[] };

/**
 * The permission names a role of each type may grant. Twilio's own default roles are the widest
 * sets (its `service admin` role carries conversation permissions too), so they are the lists:
 * any default role can be recreated, or updated with its own permissions.
 */
const validPermissions: Record<RoleType, ReadonlySet<string>> = {
  // `inviteMember` is Chat's, with no Conversations name: no default role holds it (invites also
  // follow `addParticipant`), but a role may grant it.
  service: new Set<string>([...servicePermissions.admin, ...servicePermissions.user, "inviteMember"]),
  conversation: new Set<string>([...conversationPermissions.admin, ...conversationPermissions.user, "inviteMember"]),
};

/** Checks a role's permission list against its type; resolves the list without repeats. */
function checkPermissions(type: RoleType, permissions: string[]): string[] {
  if (permissions.length === 0) throw fail.invalid("Permission is required: give at least one");
  const unknown = permissions.filter((p) => !validPermissions[type].has(p));
  if (unknown.length > 0) {
    throw fail.invalid(`Permission ${unknown.map((p) => `'${p}'`).join(", ")} is not a valid permission for a ${type} role`);
  }
  return [...new Set(permissions)];
}

/** A page of the service's roles. Roles are the account's configuration: admin only. */
export async function listRoles(core: Core, actor: Actor, service: ServiceRecord, page: PageRequest): Promise<Page<RoleRecord>> {
  requireAdmin(actor);
  return core.store.list("role", {
    parent: service.sid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/** A role of the service by SID; 404 when missing or another service's. */
export async function findRole(core: Core, actor: Actor, service: ServiceRecord, sid: string): Promise<RoleRecord> {
  requireAdmin(actor);
  const role = await core.store.get("role", sid);
  if (!role || role.serviceSid !== service.sid) throw fail.notFound(`/Roles/${sid}`);
  return role;
}

export async function createRole(core: Core, actor: Actor, service: ServiceRecord, input: RoleInput): Promise<RoleRecord> {
  requireAdmin(actor);
  const stamp = isoSeconds(core.now());
  const record: RoleRecord = {
    sid: newSid(SidPrefix.role),
    accountSid: service.accountSid,
    serviceSid: service.sid,
    friendlyName: input.friendlyName,
    type: input.type,
    permissions: checkPermissions(input.type, input.permissions),
    dateCreated: stamp,
    dateUpdated: stamp,
  };
  await core.store.transaction(async (tx) => {
    await tx.insert("role", record);
    await recordEvent(tx, core, "role.added", { accountSid: record.accountSid, serviceSid: record.serviceSid }, { role: record }, actor);
  });
  await flushOutbox(core);
  return record;
}

/** Replaces the role's permissions (Twilio's update is not a merge: what is left out is taken away). */
export async function updateRole(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  sid: string,
  permissions: string[],
): Promise<RoleRecord> {
  const current = await findRole(core, actor, service, sid);
  const updated: RoleRecord = {
    ...current,
    permissions: checkPermissions(current.type, permissions),
    dateUpdated: isoSeconds(core.now()),
  };
  await core.store.transaction(async (tx) => {
    await tx.update("role", updated);
    await recordEvent(
      tx,
      core,
      "role.updated",
      { accountSid: updated.accountSid, serviceSid: updated.serviceSid },
      { role: updated },
      actor,
    );
  });
  await flushOutbox(core);
  return updated;
}

/**
 * Deletes a role nobody holds. A role still given to a user or participant, or named as one of
 * the service's defaults, stays (400, code 50300): deleting it would leave those pointing at
 * nothing, and every permission check would quietly deny.
 */
export async function deleteRole(core: Core, actor: Actor, service: ServiceRecord, sid: string): Promise<void> {
  const current = await findRole(core, actor, service, sid);
  await core.store.transaction(async (tx) => {
    // Read the service again inside the transaction: its defaults may have changed since.
    const fresh = (await tx.get("service", service.sid)) ?? service;
    const use = await roleInUse(tx, fresh, current.sid);
    if (use) throw fail.invalid(`Role ${current.sid} cannot be deleted: it is ${use}`, DomainCodes.roleInUse);
    await tx.remove("role", current.sid);
    await recordEvent(
      tx,
      core,
      "role.removed",
      { accountSid: current.accountSid, serviceSid: current.serviceSid },
      { role: current },
      actor,
    );
  });
  await flushOutbox(core);
}

/** What still refers to the role, for the error message; null when nothing does. */
async function roleInUse(reader: StoreReader, service: ServiceRecord, roleSid: string): Promise<string | null> {
  const defaults = [service.defaultChatServiceRoleSid, service.defaultConversationRoleSid, service.defaultConversationCreatorRoleSid];
  if (defaults.includes(roleSid)) return "a default role of the service";
  if ((await reader.count("user", { parent: service.sid, where: { roleSid } })) > 0) return "the role of a user";
  if ((await reader.count("participant", { where: { serviceSid: service.sid, roleSid } })) > 0) return "the role of a participant";
  return null;
}

/**
 * A role of the service of the given type, for assigning to a user or participant; 400 when the
 * SID names no such role (an unknown role is bad input here, not a missing resource).
 */
export async function requireRoleOfType(reader: StoreReader, service: ServiceRecord, sid: string, type: RoleType): Promise<RoleRecord> {
  const role = await reader.get("role", sid);
  if (!role || role.serviceSid !== service.sid) throw fail.invalid(`RoleSid ${sid} is not a role of service ${service.sid}`);
  if (role.type !== type) throw fail.invalid(`RoleSid ${sid} is a ${role.type} role; a ${type} role is needed here`);
  return role;
}
