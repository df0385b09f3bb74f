import type { IncomingMessage, ServerResponse } from "node:http";

/** The paths browsers reach across origins: SDKs upload and read media over HTTP with a token header. */
const MEDIA_PATHS = /^\/(v1\/Services\/[^/]+\/Media(\/[^/]+(\/Content)?)?|Client\/v2\/MediaSet)\/?$/;

/**
 * CORS for the media service. Credentials travel in `X-Twilio-Token` (never cookies), so any
 * origin may call it, as Twilio's media service allows. Answers a preflight itself (resolves
 * true); on other requests it only adds the header and lets the route answer.
 */
export function mediaCors(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0] as string;
  if (!MEDIA_PATHS.test(path) || !req.headers.origin) return false;
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "Content-Type, Content-Length");
  if (req.method !== "OPTIONS") return false;
  res
    .writeHead(204, {
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers": "X-Twilio-Token, Authorization, Content-Type",
      "Access-Control-Max-Age": "600",
    })
    .end();
  return true;
}
