import { registerPush, unregisterPush } from "../../core/push-registrations.js";
import type { Json, TunnelContext, TunnelRequest, TunnelResponse } from "./context.js";
import { decodeSegment } from "../../http/path-segment.js";
import { tunnelError } from "../tunnel-error.js";

/**
 * The SDKs' push registration service (ERS), on the user's bindings:
 * - `POST /v1/registrations` with the device's registration id makes the binding;
 * - `DELETE /v1/registrations/{id}` removes that binding (`unsetPushRegistrationId`);
 * - `DELETE /v1/registrations` with `{binding_type, address}` removes every binding of that device
 *   (`removePushRegistrations`).
 * Bodies have been checked against spec/openapi-compat before they get here.
 */
export async function registrations(ctx: TunnelContext, request: TunnelRequest): Promise<TunnelResponse | null> {
  const one = /^\/v1\/registrations\/([^/]+)$/.exec(request.path);
  const body = request.body as Json;
  try {
    if (request.method === "POST" && request.path === "/v1/registrations") {
      const binding = await registerPush(ctx.core, ctx.actor, ctx.who.service, {
        bindingType: body.channel_type,
        address: body.data.registration_id,
      });
      return { status: 200, body: { id: binding.sid } };
    }
    if (request.method === "DELETE" && request.path === "/v1/registrations") {
      await unregisterPush(ctx.core, ctx.actor, ctx.who.service, body.binding_type, body.address);
      return { status: 204 };
    }
  } catch (error) {
    const failure = (error as { toJSON?: () => Json }).toJSON?.();
    if (failure) return { status: failure.status as number, body: failure };
    throw error;
  }
  if (request.method === "DELETE" && one) {
    const binding = await ctx.core.store.get("binding", decodeSegment(one[1] as string));
    // Only the caller's own binding; anything else is as good as absent.
    if (!binding || binding.serviceSid !== ctx.who.service.sid || binding.identity !== ctx.who.identity) {
      return tunnelError(404, 20404, "Registration not found");
    }
    await ctx.core.store.transaction((tx) => tx.remove("binding", binding.sid));
    return { status: 204 };
  }
  return null;
}
