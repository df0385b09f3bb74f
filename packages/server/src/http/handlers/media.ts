import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { findMedia } from "../../core/media.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { renderMedia } from "../render/media.js";

/**
 * Media metadata. Uploads (CreateMedia) and downloads (FetchMediaContent) stream, so they are
 * served by http/media-routes.ts before the router, which would hold a body in memory.
 */
export function mediaHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core } = app;
  return {
    FetchMedia: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const media = await findMedia(core, principal, service, params.Sid);
      return renderMedia(media, app.publicUrl, await app.signingSecret(service.accountSid), core.now());
    },
  };
}
