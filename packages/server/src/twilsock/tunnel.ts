import type { TunnelContext, TunnelRequest, TunnelResponse } from "./aim/context.js";
import { configuration } from "./aim/configuration.js";
import { channelRoutes } from "./aim/channels.js";
import { conversationRoutes } from "./aim/conversations.js";
import { registrations } from "./aim/registrations.js";
import { syncRead } from "./sync/routes.js";
import { decodeSegment } from "../http/path-segment.js";

/**
 * Where a tunnelled request goes, by path (the host the SDK names is Twilio's and is ignored):
 * the client API under `/Client/v1|v2`, Sync reads under `/v3`, push registrations under
 * `/v1/registrations`. Resolves null for anything else.
 */
export async function route(ctx: TunnelContext, request: TunnelRequest): Promise<TunnelResponse | null> {
  const client = /^\/Client\/(v1|v2)(\/.*)$/.exec(request.path);
  if (client) {
    const [, version, rest] = client as unknown as [string, "v1" | "v2", string];
    if (rest === "/Configuration" && request.method === "GET") return configuration(ctx, version);
    for (const candidate of [...channelRoutes, ...conversationRoutes]) {
      if (candidate.method !== request.method) continue;
      const match = candidate.pattern.exec(rest);
      if (match)
        return candidate.run(
          ctx,
          { ...request, clientApi: version },
          match.slice(1).map((part) => decodeSegment(part)),
        );
    }
    return null;
  }
  if (request.path.startsWith("/v3/")) return syncRead(ctx, request);
  if (request.path.startsWith("/v1/registrations")) return registrations(ctx, request);
  return null;
}
