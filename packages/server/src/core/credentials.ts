import type { CredentialRecord, Page } from "../store/index.js";
import type { PageRequest } from "./conversations.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { newSid, SidPrefix } from "./ids.js";
import { requireAdmin } from "./permissions.js";
import { isoSeconds } from "./time.js";

export type CredentialType = CredentialRecord["type"];

/** Form fields of a credential; `type` as given (Twilio takes any letter case). */
export type CredentialInput = {
  type?: string;
  friendlyName?: string;
  certificate?: string;
  privateKey?: string;
  sandbox?: boolean;
  apiKey?: string;
  secret?: string;
};

/** The secrets each push service needs, by their form field and stored name. */
const requiredSecrets: Record<CredentialType, { field: keyof CredentialInput; form: string }[]> = {
  apn: [
    { field: "certificate", form: "Certificate" },
    { field: "privateKey", form: "PrivateKey" },
  ],
  gcm: [{ field: "apiKey", form: "ApiKey" }],
  fcm: [{ field: "secret", form: "Secret" }],
};

/** `apn`, `gcm` or `fcm`, in any letter case. */
export function credentialType(value: string): CredentialType {
  const type = value.toLowerCase();
  if (type !== "apn" && type !== "gcm" && type !== "fcm") throw fail.invalid(`Type must be apn, gcm or fcm, not ${value}`);
  return type;
}

/**
 * The secrets a credential keeps after `input`: those of its type only, each required one given
 * now or kept from before (a credential that changes type needs the new type's secrets).
 */
function secretsFor(type: CredentialType, input: CredentialInput, kept: Record<string, string>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const { field, form } of requiredSecrets[type]) {
    const value = (input[field] as string | undefined) ?? kept[field];
    if (!value) throw fail.invalid(`Missing required parameter ${form} for a ${type} credential`);
    secrets[field] = value;
  }
  return secrets;
}

/** A new push credential of the account. */
export async function createCredential(core: Core, actor: Actor, input: CredentialInput): Promise<CredentialRecord> {
  requireAdmin(actor);
  if (input.type === undefined) throw fail.invalid("Missing required parameter Type");
  const type = credentialType(input.type);
  const stamp = isoSeconds(core.now());
  const record: CredentialRecord = {
    sid: newSid(SidPrefix.credential),
    accountSid: actor.accountSid,
    friendlyName: input.friendlyName ?? null,
    type,
    sandbox: type === "apn" ? (input.sandbox ?? false) : false,
    secrets: secretsFor(type, input, {}),
    dateCreated: stamp,
    dateUpdated: stamp,
  };
  await core.store.transaction((tx) => tx.insert("credential", record));
  return record;
}

/** A credential of the account; 404 when missing or another account's. */
export async function findCredential(core: Core, actor: Actor, sid: string): Promise<CredentialRecord> {
  requireAdmin(actor);
  const credential = await core.store.get("credential", sid);
  if (!credential || credential.accountSid !== actor.accountSid) throw fail.notFound(`/Credentials/${sid}`);
  return credential;
}

/** Changes a credential; only the fields given change. */
export async function updateCredential(core: Core, actor: Actor, sid: string, input: CredentialInput): Promise<CredentialRecord> {
  const current = await findCredential(core, actor, sid);
  const type = input.type === undefined ? current.type : credentialType(input.type);
  const kept = type === current.type ? current.secrets : {};
  const updated: CredentialRecord = {
    ...current,
    type,
    friendlyName: input.friendlyName ?? current.friendlyName,
    sandbox: type === "apn" ? (input.sandbox ?? current.sandbox) : false,
    secrets: secretsFor(type, input, kept),
    dateUpdated: isoSeconds(core.now()),
  };
  await core.store.transaction((tx) => tx.update("credential", updated));
  return updated;
}

/** Deletes a credential. Bindings that named it keep its SID; pushes through them stop. */
export async function deleteCredential(core: Core, actor: Actor, sid: string): Promise<void> {
  const current = await findCredential(core, actor, sid);
  await core.store.transaction((tx) => tx.remove("credential", current.sid));
}

/** A page of the account's credentials. */
export async function listCredentials(core: Core, actor: Actor, page: PageRequest): Promise<Page<CredentialRecord>> {
  requireAdmin(actor);
  return core.store.list("credential", {
    parent: actor.accountSid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}
