import { type BindingRecord, type CredentialRecord, eachRecord, type ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { newSid, SidPrefix } from "./ids.js";

/** Every notification kind a binding made by an SDK registration takes. */
const ALL_MESSAGE_TYPES = ["new_message", "added_to_conversation", "removed_from_conversation"];

export type PushRegistration = { bindingType: "apn" | "fcm" | "gcm"; address: string; credentialSid?: string };

function requireUser(actor: Actor): Extract<Actor, { kind: "user" }> {
  if (actor.kind !== "user") throw fail.forbidden("Push registrations belong to a user: call this with the user's access token");
  return actor;
}

/** The credential a binding of this type pushes with: the one named, or the account's newest of a matching type. */
async function credentialFor(core: Core, accountSid: string, registration: PushRegistration): Promise<CredentialRecord> {
  const types: CredentialRecord["type"][] = registration.bindingType === "apn" ? ["apn"] : ["fcm", "gcm"];
  if (registration.credentialSid) {
    const named = await core.store.get("credential", registration.credentialSid);
    if (!named || named.accountSid !== accountSid) throw fail.notFound(`/Credentials/${registration.credentialSid}`);
    if (!types.includes(named.type))
      throw fail.invalid(`Credential ${named.sid} is of type ${named.type}, not ${registration.bindingType}`);
    return named;
  }
  const newest = await core.store.list("credential", { parent: accountSid, order: "desc", limit: 100 });
  const match = newest.items.find((c) => types.includes(c.type));
  if (!match) throw fail.invalid(`No ${registration.bindingType} push credential is configured for this account`);
  return match;
}

/**
 * Registers the caller's device for push (what Twilio's registration service does for
 * `setPushRegistrationId`). The same device registered again refreshes its binding.
 */
export async function registerPush(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  registration: PushRegistration,
): Promise<BindingRecord> {
  const user = requireUser(actor);
  const credential = await credentialFor(core, service.accountSid, registration);
  const now = core.now().toISOString();
  return core.store.transaction(async (tx) => {
    const existing = await tx.getByKey("binding", service.sid, `${user.identity}\u0000${registration.address}`);
    const binding: BindingRecord = {
      sid: existing?.sid ?? newSid(SidPrefix.binding),
      accountSid: service.accountSid,
      serviceSid: service.sid,
      credentialSid: credential.sid,
      endpoint: registration.address,
      identity: user.identity,
      bindingType: registration.bindingType,
      messageTypes: ALL_MESSAGE_TYPES,
      address: registration.address,
      dateCreated: existing?.dateCreated ?? now,
      dateUpdated: now,
    };
    if (existing) await tx.update("binding", binding);
    else await tx.insert("binding", binding);
    return binding;
  });
}

/** Removes the caller's bindings of a type (only the one with `address` when given); removing nothing is fine. */
export async function unregisterPush(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  bindingType: PushRegistration["bindingType"],
  address?: string,
): Promise<number> {
  const user = requireUser(actor);
  return core.store.transaction(async (tx) => {
    let removed = 0;
    for await (const binding of eachRecord(tx, "binding", { parent: service.sid, where: { identity: user.identity, bindingType } })) {
      if (address !== undefined && binding.address !== address) continue;
      if (await tx.remove("binding", binding.sid)) removed++;
    }
    return removed;
  });
}
