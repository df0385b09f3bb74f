import { createService as bootstrapService } from "../bootstrap.js";
import type { NotificationSettings, Page, RoleRecord, ServiceNotifications, ServiceRecord, StoreWriter } from "../store/index.js";
import { applyWebhookInput, type WebhookInput } from "./configuration.js";
import type { PageRequest } from "./conversations.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { requireAdmin } from "./permissions.js";
import { isoSeconds } from "./time.js";

const ALL = Number.MAX_SAFE_INTEGER;

/** A page of the account's services. */
export async function listServices(core: Core, actor: Actor, page: PageRequest): Promise<Page<ServiceRecord>> {
  requireAdmin(actor);
  return core.store.list("service", {
    parent: actor.accountSid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/** A service of the account by SID; 404 when missing or another account's. */
export async function findService(core: Core, actor: Actor, sid: string): Promise<ServiceRecord> {
  requireAdmin(actor);
  const service = await core.store.get("service", sid);
  if (!service || service.accountSid !== actor.accountSid) throw fail.notFound(`/Services/${sid}`);
  return service;
}

/** A new service, with Twilio's four default roles, all in one transaction. */
export async function createService(core: Core, actor: Actor, friendlyName: string): Promise<ServiceRecord> {
  requireAdmin(actor);
  const stamp = isoSeconds(core.now());
  const service = await core.store.transaction(async (tx) => {
    const created = await bootstrapService(tx, actor.accountSid, friendlyName, stamp);
    await recordEvent(tx, core, "service.added", { accountSid: created.accountSid, serviceSid: created.sid }, { service: created }, actor);
    return created;
  });
  await flushOutbox(core);
  return service;
}

/**
 * Deletes a service and everything in it (conversations with their participants, messages,
 * receipts and webhooks; users, roles, bindings, media) in one transaction. The account's default
 * service cannot go: the shortened paths (`/v1/Conversations`…) would have nothing to act on.
 */
export async function deleteService(core: Core, actor: Actor, sid: string): Promise<void> {
  const service = await findService(core, actor, sid);
  const mediaSids = await core.store.transaction(async (tx) => {
    const configuration = await tx.get("configuration", service.accountSid);
    if (configuration?.defaultChatServiceSid === service.sid) {
      throw fail.invalid(
        `Service ${service.sid} is the account's default Conversations service; make another service the default (POST /v1/Configuration DefaultChatServiceSid) before deleting it`,
      );
    }
    const conversations = await tx.list("conversation", { parent: service.sid, limit: ALL });
    for (const conversation of conversations.items) await removeConversationContent(tx, conversation.sid);
    await tx.removeChildren("conversation", service.sid);
    await tx.removeChildren("user", service.sid);
    await tx.removeChildren("role", service.sid);
    await tx.removeChildren("binding", service.sid);
    const media = await tx.list("media", { parent: service.sid, limit: ALL });
    await tx.removeChildren("media", service.sid);
    await forgetAutoCreationService(tx, service, core.now());
    await tx.remove("service", service.sid);
    await recordEvent(tx, core, "service.removed", { accountSid: service.accountSid, serviceSid: service.sid }, { service }, actor);
    return media.items.map((m) => m.sid);
  });
  // The bytes live outside the store; once the records are gone nothing refers to them.
  await Promise.allSettled(mediaSids.map((m) => core.media.remove(m)));
  await flushOutbox(core);
}

async function removeConversationContent(tx: StoreWriter, conversationSid: string): Promise<void> {
  const messages = await tx.list("message", { parent: conversationSid, limit: ALL });
  for (const message of messages.items) await tx.removeChildren("receipt", message.sid);
  await tx.removeChildren("message", conversationSid);
  await tx.removeChildren("participant", conversationSid);
  await tx.removeChildren("conversationWebhook", conversationSid);
}

/** Address configurations that auto-created into the deleted service fall back to the default one. */
async function forgetAutoCreationService(tx: StoreWriter, service: ServiceRecord, now: Date): Promise<void> {
  const addresses = await tx.list("addressConfiguration", { parent: service.accountSid, limit: ALL });
  for (const address of addresses.items) {
    if (address.autoCreation.conversationServiceSid !== service.sid) continue;
    await tx.update("addressConfiguration", {
      ...address,
      autoCreation: { ...address.autoCreation, conversationServiceSid: null },
      dateUpdated: isoSeconds(now),
    });
  }
}

export type ServiceConfigurationInput = {
  defaultConversationCreatorRoleSid?: string;
  defaultConversationRoleSid?: string;
  defaultChatServiceRoleSid?: string;
  reachabilityEnabled?: boolean;
};

/** Changes a service's default roles and reachability; each role must be of the service and of the right type. */
export async function updateServiceConfiguration(
  core: Core,
  actor: Actor,
  sid: string,
  input: ServiceConfigurationInput,
): Promise<ServiceRecord> {
  await findService(core, actor, sid);
  return saveService(core, actor, sid, async (tx, current) => ({
    ...current,
    defaultConversationCreatorRoleSid:
      (await roleOf(tx, current, input.defaultConversationCreatorRoleSid, "conversation", "DefaultConversationCreatorRoleSid")) ??
      current.defaultConversationCreatorRoleSid,
    defaultConversationRoleSid:
      (await roleOf(tx, current, input.defaultConversationRoleSid, "conversation", "DefaultConversationRoleSid")) ??
      current.defaultConversationRoleSid,
    defaultChatServiceRoleSid:
      (await roleOf(tx, current, input.defaultChatServiceRoleSid, "service", "DefaultChatServiceRoleSid")) ??
      current.defaultChatServiceRoleSid,
    reachabilityEnabled: input.reachabilityEnabled ?? current.reachabilityEnabled,
  }));
}

/** The role's SID when it is a `type` role of the service; undefined when none was given. */
export async function roleOf(
  tx: StoreWriter,
  service: ServiceRecord,
  roleSid: string | undefined,
  type: RoleRecord["type"],
  name: string,
): Promise<string | undefined> {
  if (roleSid === undefined) return undefined;
  const role = await tx.get("role", roleSid);
  if (!role || role.serviceSid !== service.sid) throw fail.invalid(`${name} ${roleSid} is not a role of service ${service.sid}`);
  if (role.type !== type) throw fail.invalid(`${name} must be a ${type} role; ${roleSid} is a ${role.type} role`);
  return role.sid;
}

export type NotificationFields = { enabled?: boolean; template?: string; sound?: string };

export type ServiceNotificationInput = {
  logEnabled?: boolean;
  newMessage?: NotificationFields & { badgeCountEnabled?: boolean; withMedia?: { enabled?: boolean; template?: string } };
  addedToConversation?: NotificationFields;
  removedFromConversation?: NotificationFields;
};

export function mergeSetting<S extends NotificationSettings>(current: S, input: NotificationFields | undefined): S {
  if (!input) return current;
  return {
    ...current,
    enabled: input.enabled ?? current.enabled,
    template: input.template ?? current.template,
    sound: input.sound ?? current.sound,
  };
}

/** Changes a service's push notification settings; only the fields given change. */
export async function updateServiceNotifications(
  core: Core,
  actor: Actor,
  sid: string,
  input: ServiceNotificationInput,
): Promise<ServiceRecord> {
  await findService(core, actor, sid);
  return saveService(core, actor, sid, async (_tx, current) => ({
    ...current,
    notifications: withNotifications(current.notifications, input),
  }));
}

/** Notification settings after `input`: only the fields given change. */
export function withNotifications(n: ServiceNotifications, input: ServiceNotificationInput): ServiceNotifications {
  const newMessage = mergeSetting(n.newMessage, input.newMessage);
  return {
    logEnabled: input.logEnabled ?? n.logEnabled,
    newMessage: {
      ...newMessage,
      badgeCountEnabled: input.newMessage?.badgeCountEnabled ?? n.newMessage.badgeCountEnabled,
      withMedia: {
        enabled: input.newMessage?.withMedia?.enabled ?? n.newMessage.withMedia.enabled,
        template: input.newMessage?.withMedia?.template ?? n.newMessage.withMedia.template,
      },
    },
    addedToConversation: mergeSetting(n.addedToConversation, input.addedToConversation),
    removedFromConversation: mergeSetting(n.removedFromConversation, input.removedFromConversation),
  };
}

/** Changes where a service's webhooks go and which events fire them. */
export async function updateServiceWebhook(core: Core, actor: Actor, sid: string, input: WebhookInput): Promise<ServiceRecord> {
  await findService(core, actor, sid);
  return saveService(core, actor, sid, async (_tx, current) => ({ ...current, webhook: applyWebhookInput(current.webhook, input) }));
}

/** Reads the service again inside the transaction, applies `change`, and writes it. */
export async function saveService(
  core: Core,
  actor: Actor,
  sid: string,
  change: (tx: StoreWriter, current: ServiceRecord) => Promise<ServiceRecord>,
): Promise<ServiceRecord> {
  const updated = await core.store.transaction(async (tx) => {
    const current = await tx.get("service", sid);
    if (!current) throw fail.notFound(`/Services/${sid}`);
    const next = { ...(await change(tx, current)), dateUpdated: isoSeconds(core.now()) };
    await tx.update("service", next);
    await recordEvent(tx, core, "service.updated", { accountSid: next.accountSid, serviceSid: next.sid }, { service: next }, actor);
    return next;
  });
  await flushOutbox(core);
  return updated;
}
