import { type AddressConfigurationRecord, type Page, type StoreReader, UniqueKeyError } from "../store/index.js";
import type { PageRequest } from "./conversations.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { isSid, newSid, SidPrefix } from "./ids.js";
import { requireAdmin } from "./permissions.js";
import { isoSeconds } from "./time.js";

type AutoCreation = AddressConfigurationRecord["autoCreation"];

/** The channels an address may belong to. */
export const addressTypes: ReadonlySet<string> = new Set(["sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat"]);

/** The events an auto-created conversation's webhook may receive (Twilio's list for address configurations). */
export const autoCreationWebhookEvents: ReadonlySet<string> = new Set([
  "onMessageAdded",
  "onMessageUpdated",
  "onMessageRemoved",
  "onConversationUpdated",
  "onConversationStateUpdated",
  "onConversationRemoved",
  "onParticipantAdded",
  "onParticipantUpdated",
  "onParticipantRemoved",
  "onDeliveryUpdated",
]);

/**
 * Twilio answers a taken address with 409; it documents no dedicated code for it, so Confab
 * gives the generic invalid-parameter one.
 */
const ADDRESS_CONFIGURED_CODE = 20001;

/** An address's type, in any letter case (Twilio takes `whAtsAPP` for `whatsapp`). */
export function addressType(value: string): string {
  const type = value.toLowerCase();
  if (!addressTypes.has(type)) throw fail.invalid(`Type must be one of ${[...addressTypes].join(", ")}, not ${value}`);
  return type;
}

export type AutoCreationInput = {
  enabled?: boolean;
  type?: "webhook" | "studio" | "default";
  conversationServiceSid?: string;
  webhookUrl?: string;
  webhookMethod?: string;
  webhookFilters?: string[];
  studioFlowSid?: string;
  studioRetryCount?: number;
};

export type AddressInput = {
  type?: string;
  address?: string;
  friendlyName?: string;
  addressCountry?: string;
  autoCreation: AutoCreationInput;
};

const noAutoCreation: AutoCreation = {
  enabled: false,
  type: null,
  conversationServiceSid: null,
  webhookUrl: null,
  webhookMethod: null,
  webhookFilters: [],
  studioFlowSid: null,
  studioRetryCount: null,
};

/**
 * Auto-creation settings after `input`. A webhook needs its URL, a Studio flow its SID, and the
 * target service must be one of the account's; turning it on without a type means `default`.
 */
async function autoCreationAfter(
  reader: StoreReader,
  accountSid: string,
  current: AutoCreation,
  input: AutoCreationInput,
): Promise<AutoCreation> {
  const unknown = input.webhookFilters?.filter((f) => !autoCreationWebhookEvents.has(f)) ?? [];
  if (unknown.length > 0) throw fail.invalid(`Unknown webhook event in AutoCreation.WebhookFilters: ${unknown.join(", ")}`);
  let webhookMethod = current.webhookMethod;
  if (input.webhookMethod !== undefined) {
    const method = input.webhookMethod.toLowerCase();
    if (method !== "get" && method !== "post") throw fail.invalid("AutoCreation.WebhookMethod must be GET or POST");
    webhookMethod = method;
  }
  if (input.conversationServiceSid !== undefined) {
    const service = await reader.get("service", input.conversationServiceSid);
    if (!service || service.accountSid !== accountSid) {
      throw fail.invalid(
        `AutoCreation.ConversationServiceSid ${input.conversationServiceSid} is not a Conversations service of this account`,
      );
    }
  }
  const enabled = input.enabled ?? current.enabled;
  const next: AutoCreation = {
    enabled,
    type: input.type ?? current.type ?? (enabled ? "default" : null),
    conversationServiceSid: input.conversationServiceSid ?? current.conversationServiceSid,
    webhookUrl: input.webhookUrl ?? current.webhookUrl,
    webhookMethod,
    webhookFilters: input.webhookFilters ? [...new Set(input.webhookFilters)] : current.webhookFilters,
    studioFlowSid: input.studioFlowSid ?? current.studioFlowSid,
    studioRetryCount: input.studioRetryCount ?? current.studioRetryCount,
  };
  if (next.type === "webhook" && !next.webhookUrl) throw fail.invalid("AutoCreation.WebhookUrl is required for a webhook auto-creation");
  if (next.type === "studio" && !next.studioFlowSid)
    throw fail.invalid("AutoCreation.StudioFlowSid is required for a studio auto-creation");
  return next;
}

/** Starts watching an address; 409 when the same (type, address) is configured already. */
export async function createAddress(core: Core, actor: Actor, input: AddressInput): Promise<AddressConfigurationRecord> {
  requireAdmin(actor);
  if (input.type === undefined) throw fail.invalid("Missing required parameter Type");
  if (!input.address) throw fail.invalid("Missing required parameter Address");
  const type = addressType(input.type);
  const stamp = isoSeconds(core.now());
  const autoCreation = await autoCreationAfter(core.store, actor.accountSid, noAutoCreation, input.autoCreation);
  const record: AddressConfigurationRecord = {
    sid: newSid(SidPrefix.addressConfiguration),
    accountSid: actor.accountSid,
    type,
    address: input.address,
    friendlyName: input.friendlyName ?? null,
    addressCountry: input.addressCountry ?? null,
    autoCreation,
    dateCreated: stamp,
    dateUpdated: stamp,
  };
  try {
    await core.store.transaction((tx) => tx.insert("addressConfiguration", record));
  } catch (error) {
    if (error instanceof UniqueKeyError) {
      throw fail.conflict(`The ${type} address ${record.address} is configured already`, ADDRESS_CONFIGURED_CODE);
    }
    throw error;
  }
  return record;
}

/** An address configuration of the account by SID (`IG…`) or by the address itself; 404 when none. */
export async function findAddress(core: Core, actor: Actor, sidOrAddress: string): Promise<AddressConfigurationRecord> {
  requireAdmin(actor);
  const found = isSid(sidOrAddress, SidPrefix.addressConfiguration)
    ? await core.store.get("addressConfiguration", sidOrAddress)
    : (await core.store.list("addressConfiguration", { parent: actor.accountSid, where: { address: sidOrAddress }, limit: 1 })).items[0];
  if (!found || found.accountSid !== actor.accountSid) throw fail.notFound(`/Configuration/Addresses/${sidOrAddress}`);
  return found;
}

/** Changes an address configuration; its type and address stay. */
export async function updateAddress(
  core: Core,
  actor: Actor,
  sidOrAddress: string,
  input: Omit<AddressInput, "type" | "address" | "addressCountry">,
): Promise<AddressConfigurationRecord> {
  const found = await findAddress(core, actor, sidOrAddress);
  return core.store.transaction(async (tx) => {
    const current = await tx.get("addressConfiguration", found.sid);
    if (!current) throw fail.notFound(`/Configuration/Addresses/${sidOrAddress}`);
    const updated: AddressConfigurationRecord = {
      ...current,
      friendlyName: input.friendlyName ?? current.friendlyName,
      autoCreation: await autoCreationAfter(tx, actor.accountSid, current.autoCreation, input.autoCreation),
      dateUpdated: isoSeconds(core.now()),
    };
    await tx.update("addressConfiguration", updated);
    return updated;
  });
}

/** Stops watching an address; conversations it created stay. */
export async function deleteAddress(core: Core, actor: Actor, sidOrAddress: string): Promise<void> {
  const current = await findAddress(core, actor, sidOrAddress);
  await core.store.transaction((tx) => tx.remove("addressConfiguration", current.sid));
}

/** A page of the account's address configurations, of one type (any letter case) when given. */
export async function listAddresses(
  core: Core,
  actor: Actor,
  filter: { type?: string },
  page: PageRequest,
): Promise<Page<AddressConfigurationRecord>> {
  requireAdmin(actor);
  return core.store.list("addressConfiguration", {
    parent: actor.accountSid,
    ...(filter.type ? { where: { type: filter.type.toLowerCase() } } : {}),
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}
