import { randomBytes } from "node:crypto";
import { conversationPermissions, defaultRoleNames, servicePermissions } from "./core/default-roles.js";
import { newSid, SidPrefix } from "./core/ids.js";
import { isoSeconds } from "./core/time.js";
import type { AccountRecord, ApiKeyRecord, ConfigurationRecord, RoleRecord, ServiceRecord, Store, StoreWriter } from "./store/index.js";

export type Credentials = {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
};

export type CredentialOverrides = Partial<Pick<Credentials, "accountSid" | "authToken" | "apiKeySid" | "apiKeySecret">>;

/**
 * Makes sure the store holds an account, its API key, a default Conversations service with the
 * default roles, and the account configuration naming that service. On first start it creates
 * them (with the given credentials, or new random ones); later it finds them, and applies any
 * credentials given again (so the environment can rotate them). Resolves to what a person needs.
 */
export async function provision(store: Store, overrides: CredentialOverrides, now = new Date()): Promise<Credentials> {
  return store.transaction(async (tx) => {
    const stamp = isoSeconds(now);
    const existing = overrides.accountSid
      ? await tx.get("account", overrides.accountSid)
      : (await tx.list("account", { limit: 1 })).items[0];
    const account: AccountRecord = existing ?? {
      sid: overrides.accountSid ?? newSid(SidPrefix.account),
      authToken: overrides.authToken ?? randomBytes(16).toString("hex"),
      friendlyName: "Confab account",
      dateCreated: stamp,
      dateUpdated: stamp,
    };
    if (!existing) await tx.insert("account", account);
    else if (overrides.authToken && overrides.authToken !== existing.authToken) {
      account.authToken = overrides.authToken;
      account.dateUpdated = stamp;
      await tx.update("account", account);
    }

    const apiKey = await ensureApiKey(tx, account, overrides, stamp);
    const configuration = await tx.get("configuration", account.sid);
    const service = configuration ? await tx.get("service", configuration.defaultChatServiceSid) : null;
    const serviceSid = service?.sid ?? (await createService(tx, account.sid, "Default Conversations Service", stamp)).sid;
    if (!configuration) {
      const record: ConfigurationRecord = {
        sid: account.sid,
        accountSid: account.sid,
        defaultChatServiceSid: serviceSid,
        defaultMessagingServiceSid: null,
        defaultInactiveTimer: null,
        defaultClosedTimer: null,
        webhook: { method: "POST", filters: [], preWebhookUrl: null, postWebhookUrl: null, target: "webhook" },
        dateCreated: stamp,
        dateUpdated: stamp,
      };
      await tx.insert("configuration", record);
    }
    return { accountSid: account.sid, authToken: account.authToken, apiKeySid: apiKey.sid, apiKeySecret: apiKey.secret, serviceSid };
  });
}

async function ensureApiKey(tx: StoreWriter, account: AccountRecord, overrides: CredentialOverrides, stamp: string): Promise<ApiKeyRecord> {
  if (overrides.apiKeySid) {
    const found = await tx.get("apiKey", overrides.apiKeySid);
    if (found) {
      if (overrides.apiKeySecret && overrides.apiKeySecret !== found.secret) {
        const updated = { ...found, secret: overrides.apiKeySecret, dateUpdated: stamp };
        await tx.update("apiKey", updated);
        return updated;
      }
      return found;
    }
  } else {
    const first = (await tx.list("apiKey", { parent: account.sid, limit: 1 })).items[0];
    if (first) return first;
  }
  const key: ApiKeyRecord = {
    sid: overrides.apiKeySid ?? newSid(SidPrefix.apiKey),
    accountSid: account.sid,
    secret: overrides.apiKeySecret ?? randomBytes(24).toString("base64url"),
    friendlyName: "Confab default key",
    dateCreated: stamp,
    dateUpdated: stamp,
  };
  await tx.insert("apiKey", key);
  return key;
}

/** A new Conversations service with Twilio's four default roles. */
export async function createService(tx: StoreWriter, accountSid: string, friendlyName: string, stamp: string): Promise<ServiceRecord> {
  const serviceSid = newSid(SidPrefix.service);
  const role = (name: string, type: RoleRecord["type"], permissions: readonly string[]): RoleRecord => ({
    sid: newSid(SidPrefix.role),
    accountSid,
    serviceSid,
    friendlyName: name,
    type,
    permissions: [...permissions],
    dateCreated: stamp,
    dateUpdated: stamp,
  });
  const roles = {
    serviceAdmin: role(defaultRoleNames.serviceAdmin, "service", servicePermissions.admin),
    serviceUser: role(defaultRoleNames.serviceUser, "service", servicePermissions.user),
    conversationAdmin: role(defaultRoleNames.conversationAdmin, "conversation", conversationPermissions.admin),
    conversationUser: role(defaultRoleNames.conversationUser, "conversation", conversationPermissions.user),
  };
  const notification = { enabled: false, template: null, sound: null };
  const service: ServiceRecord = {
    sid: serviceSid,
    accountSid,
    friendlyName,
    defaultConversationCreatorRoleSid: roles.conversationAdmin.sid,
    defaultConversationRoleSid: roles.conversationUser.sid,
    defaultChatServiceRoleSid: roles.serviceUser.sid,
    reachabilityEnabled: false,
    readStatusEnabled: true,
    notifications: {
      logEnabled: false,
      newMessage: { ...notification, badgeCountEnabled: false, withMedia: { enabled: false, template: null } },
      addedToConversation: notification,
      removedFromConversation: notification,
    },
    webhook: { method: "POST", filters: [], preWebhookUrl: null, postWebhookUrl: null },
    dateCreated: stamp,
    dateUpdated: stamp,
  };
  await tx.insert("service", service);
  for (const r of Object.values(roles)) await tx.insert("role", r);
  return service;
}
