import { registerPush } from "../../core/push-registrations.js";
import type { Json, TunnelContext, TunnelRequest, TunnelResponse } from "./context.js";
import { decodeSegment } from "../../http/path-segment.js";
import { tunnelError } from "../tunnel-error.js";

/**
 * The SDKs' push registration service (ERS): `POST /v1/registrations` with the device's
 * registration id makes the user's binding; `DELETE /v1/registrations/{id}` removes it.
 */
export async function registrations(ctx: TunnelContext, request: TunnelRequest): Promise<TunnelResponse | null> {
  const one = /^\/v1\/registrations\/([^/]+)$/.exec(request.path);
  if (request.method === "POST" && request.path === "/v1/registrations") {
    const body = request.body as Json;
    const channel = body?.channel_type;
    const address = body?.data?.registration_id;
    if ((channel !== "fcm" && channel !== "apn") || typeof address !== "string" || address === "") {
      return tunnelError(400, 20001, "channel_type must be fcm or apn, with data.registration_id");
    }
    try {
      const binding = await registerPush(ctx.core, ctx.actor, ctx.who.service, { bindingType: channel, address });
      return { status: 200, body: { id: binding.sid } };
    } catch (error) {
      const failure = (error as { toJSON?: () => Json }).toJSON?.();
      if (failure) return { status: failure.status as number, body: failure };
      throw error;
    }
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
