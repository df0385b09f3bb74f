import type { BodyOf, Handlers } from "@confab/protocol/server";
import { type AutoCreationInput, createAddress, deleteAddress, findAddress, listAddresses, updateAddress } from "../../core/addresses.js";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderAddress } from "../render/address.js";

/** The `AutoCreation.*` form fields → the domain's input; only those given. */
function autoCreationInput(body: Partial<BodyOf<"CreateConfigurationAddress">>): AutoCreationInput {
  const input: AutoCreationInput = {};
  if (body["AutoCreation.Enabled"] !== undefined) input.enabled = body["AutoCreation.Enabled"];
  if (body["AutoCreation.Type"] !== undefined) input.type = body["AutoCreation.Type"];
  if (body["AutoCreation.ConversationServiceSid"] !== undefined) input.conversationServiceSid = body["AutoCreation.ConversationServiceSid"];
  if (body["AutoCreation.WebhookUrl"] !== undefined) input.webhookUrl = body["AutoCreation.WebhookUrl"];
  if (body["AutoCreation.WebhookMethod"] !== undefined) input.webhookMethod = body["AutoCreation.WebhookMethod"];
  if (body["AutoCreation.WebhookFilters"] !== undefined) input.webhookFilters = body["AutoCreation.WebhookFilters"];
  if (body["AutoCreation.StudioFlowSid"] !== undefined) input.studioFlowSid = body["AutoCreation.StudioFlowSid"];
  if (body["AutoCreation.StudioRetryCount"] !== undefined) input.studioRetryCount = body["AutoCreation.StudioRetryCount"];
  return input;
}

/** The account's address configurations (`/v1/Configuration/Addresses`). */
export function addressesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  return {
    ListConfigurationAddress: async ({ principal, params }) => {
      const request = pageRequest(params);
      const page = await listAddresses(core, principal, params.Type ? { type: params.Type } : {}, request);
      const settled = settle(page, request);
      return listResponse(
        "address_configurations",
        settled.items.map((a) => renderAddress(a, publicUrl)),
        settled,
        request,
        { publicUrl, path: "/v1/Configuration/Addresses", query: { Type: params.Type } },
      ) as never;
    },
    CreateConfigurationAddress: async ({ principal, body }) =>
      renderAddress(
        await createAddress(core, principal, {
          type: body.Type,
          address: body.Address,
          ...(body.FriendlyName !== undefined ? { friendlyName: body.FriendlyName } : {}),
          ...(body.AddressCountry !== undefined ? { addressCountry: body.AddressCountry } : {}),
          autoCreation: autoCreationInput(body),
        }),
        publicUrl,
      ),
    FetchConfigurationAddress: async ({ principal, params }) => renderAddress(await findAddress(core, principal, params.Sid), publicUrl),
    UpdateConfigurationAddress: async ({ principal, params, body }) =>
      renderAddress(
        await updateAddress(core, principal, params.Sid, {
          ...(body.FriendlyName !== undefined ? { friendlyName: body.FriendlyName } : {}),
          autoCreation: autoCreationInput(body),
        }),
        publicUrl,
      ),
    DeleteConfigurationAddress: async ({ principal, params }) => {
      await deleteAddress(core, principal, params.Sid);
      return undefined as never;
    },
  };
}
