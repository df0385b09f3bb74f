import type { Handlers } from "@confab/protocol/server";
import { deleteBinding, findBinding, listBindings } from "../../core/bindings.js";
import type { Actor } from "../../core/context.js";
import { requireAdmin } from "../../core/permissions.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderBinding } from "../render/binding.js";

/** Adds repeated query keys (`BindingType=apn&BindingType=fcm`) to a paging link, which keeps one value per key. */
function withRepeated(url: string | null, repeated: Record<string, string[] | undefined>): string | null {
  if (url === null) return null;
  const parsed = new URL(url);
  const rest = [...parsed.searchParams.entries()];
  const query = new URLSearchParams();
  for (const [key, values] of Object.entries(repeated)) for (const v of values ?? []) query.append(key, v);
  for (const [key, value] of rest) query.append(key, value);
  return `${parsed.origin}${parsed.pathname}?${query.toString()}`;
}

/** A service's push bindings (only service-scoped paths exist). */
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
      const response = listResponse(
        "bindings",
        settled.items.map((b) => renderBinding(b, publicUrl)),
        settled,
        request,
        { publicUrl, path: `/v1/Services/${service.sid}/Bindings` },
      );
      const repeated = { BindingType: params.BindingType, Identity: params.Identity };
      const meta = {
        ...response.meta,
        first_page_url: withRepeated(response.meta.first_page_url, repeated) as string,
        url: withRepeated(response.meta.url, repeated) as string,
        previous_page_url: withRepeated(response.meta.previous_page_url, repeated),
        next_page_url: withRepeated(response.meta.next_page_url, repeated),
      };
      return { ...response, meta } as never;
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
  };
}
