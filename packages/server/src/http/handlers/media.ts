import { Readable } from "node:stream";
import { type Handlers, RawReply } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { findMedia, storeMedia } from "../../core/media.js";
import { fail } from "../../core/errors.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { renderMedia } from "../render/media.js";

/**
 * Media through the router. Over HTTP, uploads and downloads stream and are served by
 * http/media-routes.ts before the router (which holds a body in memory); these handlers serve
 * them when they arrive another way (a request carried by the realtime socket), bounded by the
 * router's body limit.
 */
export function mediaHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core } = app;
  return {
    CreateMedia: async ({ principal, params, body, request }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const media = await storeMedia(core, principal, service, {
        content: Readable.from([Buffer.from(body)]),
        contentType: request.headers["content-type"] ?? "application/octet-stream",
        filename: params.Filename ?? null,
      });
      return renderMedia(media, app.publicUrl, await app.signingSecret(service.accountSid), core.now());
    },
    FetchMediaContent: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const media = await findMedia(core, principal, service, params.Sid);
      const stream = await core.media.read(media.sid);
      if (!stream) throw fail.notFound(`/Services/${service.sid}/Media/${media.sid}/Content`);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return new RawReply(200, Buffer.concat(chunks), { "Content-Type": media.contentType });
    },
    FetchMedia: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const media = await findMedia(core, principal, service, params.Sid);
      return renderMedia(media, app.publicUrl, await app.signingSecret(service.accountSid), core.now());
    },
  };
}
