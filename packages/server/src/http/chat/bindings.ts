import type { Handlers } from "@confab/protocol/server";
import { type BindingFilter, deleteBinding, findBinding, listBindings } from "../../core/bindings.js";
import type { Actor, Core } from "../../core/context.js";
import { fail } from "../../core/errors.js";
import { resolveService } from "../../core/services.js";
import { findUser } from "../../core/users.js";
import type { BindingRecord, ServiceRecord } from "../../store/index.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatBinding, renderChatUserBinding } from "./render/binding.js";

/** A binding of the user's identity; 404 when the binding is another identity's. */
async function userBinding(core: Core, actor: Actor, service: ServiceRecord, userSid: string, sid: string) {
  const user = await findUser(core, actor, service, userSid);
  const binding = await findBinding(core, actor, service, sid);
  if (binding.identity !== user.identity) throw fail.notFound(`/Services/${service.sid}/Users/${userSid}/Bindings/${sid}`);
  return { user, binding };
}

/** Chat v2 bindings: the service's push bindings, and each user's. */
export function chatBindingsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = async (b: BindingRecord) =>
    renderChatBinding(b, (await core.store.getByKey("user", b.serviceSid, b.identity))?.sid ?? null, publicUrl);

  return {
    ChatListBinding: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const filter: BindingFilter = {
        ...(params.BindingType ? { bindingTypes: params.BindingType } : {}),
        ...(params.Identity ? { identities: params.Identity } : {}),
      };
      const settled = settle(await listBindings(core, principal, service, filter, request), request);
      return listResponse("bindings", await Promise.all(settled.items.map(render)), settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Bindings`,
        query: { BindingType: params.BindingType, Identity: params.Identity },
      }) as never;
    },
    ChatFetchBinding: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await findBinding(core, principal, service, params.Sid));
    },
    ChatDeleteBinding: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteBinding(core, principal, service, params.Sid);
      return undefined as never;
    },
    ChatListUserBinding: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const user = await findUser(core, principal, service, params.UserSid);
      const request = pageRequest(params);
      const filter: BindingFilter = { identities: [user.identity], ...(params.BindingType ? { bindingTypes: params.BindingType } : {}) };
      const settled = settle(await listBindings(core, principal, service, filter, request), request);
      return listResponse(
        "bindings",
        settled.items.map((b) => renderChatUserBinding(b, user.sid, publicUrl)),
        settled,
        request,
        { publicUrl, path: `/v2/Services/${service.sid}/Users/${params.UserSid}/Bindings`, query: { BindingType: params.BindingType } },
      ) as never;
    },
    ChatFetchUserBinding: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const { user, binding } = await userBinding(core, principal, service, params.UserSid, params.Sid);
      return renderChatUserBinding(binding, user.sid, publicUrl);
    },
    ChatDeleteUserBinding: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const { binding } = await userBinding(core, principal, service, params.UserSid, params.Sid);
      await deleteBinding(core, principal, service, binding.sid);
      return undefined as never;
    },
  };
}
