import type { Handlers } from "@confab/protocol/server";
import { deleteBinding, findBinding, listBindings } from "../../core/bindings.js";
import type { Actor } from "../../core/context.js";
import { requireAdmin } from "../../core/permissions.js";
import { registerPush, unregisterPush } from "../../core/push-registrations.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderBinding } from "../render/binding.js";

/** A service's push bindings (only service-scoped paths exist), and the registrations users make for their devices. */
export function bindingsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const serviceOf = async (principal: Actor, sid: string) => {
    requireAdmin(principal);
    return resolveService(core, principal, sid);
  };
  return {
    ListServiceBinding: async ({ principal, params }) => {
      const service = await serviceOf(principal, params.ChatServiceSid);
      const request = pageRequest(params);
      const filter = {
        ...(params.BindingType ? { bindingTypes: params.BindingType } : {}),
        ...(params.Identity ? { identities: params.Identity } : {}),
      };
      const settled = settle(await listBindings(core, principal, service, filter, request), request);
      return listResponse(
        "bindings",
        settled.items.map((b) => renderBinding(b, publicUrl)),
        settled,
        request,
        { publicUrl, path: `/v1/Services/${service.sid}/Bindings`, query: { BindingType: params.BindingType, Identity: params.Identity } },
      ) as never;
    },
    FetchServiceBinding: async ({ principal, params }) => {
      const service = await serviceOf(principal, params.ChatServiceSid);
      return renderBinding(await findBinding(core, principal, service, params.Sid), publicUrl);
    },
    DeleteServiceBinding: async ({ principal, params }) => {
      const service = await serviceOf(principal, params.ChatServiceSid);
      await deleteBinding(core, principal, service, params.Sid);
      return undefined as never;
    },
    CreateServicePushRegistration: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const binding = await registerPush(core, principal, service, {
        bindingType: body.BindingType,
        address: body.Address,
        ...(body.CredentialSid ? { credentialSid: body.CredentialSid } : {}),
      });
      return renderBinding(binding, publicUrl);
    },
    DeleteServicePushRegistration: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      await unregisterPush(core, principal, service, params.BindingType, params.Address);
      return undefined as never;
    },
  };
}
