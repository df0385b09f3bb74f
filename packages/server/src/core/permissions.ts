import type { ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";

/**
 * Whether an actor may do `permission` in a service, or in one conversation of it. The account
 * (admin) may do anything in its own services. A user may do what its service role grants, plus,
 * inside a conversation it takes part in, what its participant role there grants.
 */
export async function can(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  permission: string,
  conversationSid?: string,
): Promise<boolean> {
  if (actor.accountSid !== service.accountSid) return false;
  if (actor.kind === "admin") return true;
  if (actor.serviceSid !== service.sid) return false;
  const user = await core.store.getByKey("user", service.sid, actor.identity);
  const serviceRole = await core.store.get("role", user?.roleSid ?? service.defaultChatServiceRoleSid);
  if (serviceRole?.permissions.includes(permission)) return true;
  if (!conversationSid) return false;
  const participant = await core.store.getByKey("participant", conversationSid, actor.identity);
  if (!participant) return false;
  const conversationRole = await core.store.get("role", participant.roleSid);
  return conversationRole?.permissions.includes(permission) ?? false;
}

export async function requirePermission(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  permission: string,
  conversationSid?: string,
): Promise<void> {
  if (!(await can(core, actor, service, permission, conversationSid))) {
    throw fail.forbidden(`The ${permission} permission is needed for this`);
  }
}

/** Only the account may do this (service configuration, roles, credentials…). */
export function requireAdmin(actor: Actor): void {
  if (actor.kind !== "admin") throw fail.forbidden("Only account credentials may do this");
}

/** Whether a user takes part in a conversation (what a user may see). Admins see everything. */
export async function isParticipant(core: Core, actor: Actor, conversationSid: string): Promise<boolean> {
  if (actor.kind === "admin") return true;
  return (await core.store.getByKey("participant", conversationSid, actor.identity)) !== null;
}
