import type { IncomingMessage, ServerResponse } from "node:http";
import { checkCompatRequest, ErrorCodes, twilioError } from "@confab/protocol/server";
import { userFromToken } from "../auth/authenticate.js";
import { findMedia } from "../core/media.js";
import { resolveService } from "../core/services.js";
import type { RestApp } from "../http/app.js";
import { renderMedia } from "../http/render/media.js";

export const MEDIA_SET_PATH = "/Client/v2/MediaSet";

/** Largest request body: a list of media SIDs. */
const MAX_BODY = 64 * 1024;

/**
 * The SDKs' media-set lookup (`media_set_service` in the client configuration): `POST` with
 * `{command: "get", list: [{media_sid}]}` and `X-Twilio-Token`, answered with each media's record
 * (with fresh temporary content URLs) or the error for it, in order.
 */
export async function serveMediaSet(app: RestApp, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== MEDIA_SET_PATH) return false;
  const reply = (status: number, body: unknown) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  const token = req.headers["x-twilio-token"];
  const actor = typeof token === "string" ? await userFromToken(app.core, token) : null;
  if (actor?.kind !== "user") {
    req.resume();
    reply(401, twilioError(401, ErrorCodes.unauthenticated, "A valid X-Twilio-Token is required"));
    return true;
  }
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) {
      reply(413, twilioError(413, ErrorCodes.invalidParameter, "The media set request is too large"));
      return true;
    }
  }
  let body: { command: "get"; list: { media_sid: string }[] };
  try {
    body = JSON.parse(text);
  } catch {
    reply(400, twilioError(400, ErrorCodes.invalidParameter, "The body must be JSON"));
    return true;
  }
  const checked = checkCompatRequest({
    method: "POST",
    path: MEDIA_SET_PATH,
    query: {},
    headers: { "x-twilio-token": token as string },
    body,
  });
  if (checked && "error" in checked) {
    reply(checked.error.status, checked.error);
    return true;
  }
  const service = await resolveService(app.core, actor, actor.serviceSid);
  const secret = await app.signingSecret(actor.accountSid);
  const results = [];
  for (const item of body.list) {
    try {
      const media = await findMedia(app.core, actor, service, item.media_sid);
      results.push({ code: 200, media_record: renderMedia(media, app.publicUrl, secret, app.core.now()) });
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (status >= 500) throw error;
      results.push({ code: status, media_sid: item.media_sid });
    }
  }
  reply(200, results);
  return true;
}
