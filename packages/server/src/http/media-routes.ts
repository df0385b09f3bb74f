import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ConfabApiError, ErrorCodes, twilioError, validatorsOf } from "@confab/protocol/server";
import busboy from "busboy";
import { authenticate } from "../auth/authenticate.js";
import type { Actor } from "../core/context.js";
import { fail } from "../core/errors.js";
import { findMedia, mediaBySid, storeMedia, type Upload } from "../core/media.js";
import { resolveService } from "../core/services.js";
import type { RestApp } from "./app.js";
import { validTemporarySignature } from "./media-urls.js";
import { decodeSegment } from "./path-segment.js";
import { renderMedia } from "./render/media.js";

const UPLOAD = /^\/v1\/Services\/([^/]+)\/Media\/?$/;
const CONTENT = /^\/v1\/Services\/([^/]+)\/Media\/([^/]+)\/Content\/?$/;

/**
 * Media upload and download, streamed: a body goes from the socket to storage (and back) in
 * chunks, so a 150 MB file never sits whole in memory. Parameters are checked with the same
 * generated validators as every other operation; errors have Twilio's shape.
 * Resolves false when the request is not one of these routes.
 */
export async function serveMedia(app: RestApp, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const upload = req.method === "POST" ? UPLOAD.exec(url.pathname) : null;
  const content = req.method === "GET" ? CONTENT.exec(url.pathname) : null;
  if (!upload && !content) return false;
  try {
    if (upload) await uploadMedia(app, req, res, decodeSegment(upload[1] ?? ""), url);
    else await downloadMedia(app, req, res, decodeSegment(content?.[1] ?? ""), decodeSegment(content?.[2] ?? ""), url);
  } catch (error) {
    req.resume();
    const body =
      error instanceof ConfabApiError
        ? error.toJSON()
        : twilioError(500, ErrorCodes.internal, "Internal server error; nothing was changed");
    if (!(error instanceof ConfabApiError)) app.onError?.(error);
    if (!res.headersSent) res.writeHead(body.status, { "Content-Type": "application/json", Connection: "close" }).end(JSON.stringify(body));
    else res.destroy();
  }
  return true;
}

function checkParams(operation: "CreateMedia" | "FetchMediaContent", params: Record<string, unknown>): void {
  const validate = validatorsOf(operation).params;
  if (!validate(params)) {
    const e = validate.errors?.[0];
    const name = e?.instancePath.split("/")[1] ?? String(e?.params.missingProperty ?? "");
    throw fail.invalid(`Invalid value for parameter ${name}: ${e?.message ?? "invalid"}`);
  }
}

async function requireActor(app: RestApp, req: IncomingMessage): Promise<Actor> {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  const actor = await authenticate(app.core, { method: req.method ?? "GET", url: req.url ?? "/", headers, body: new Uint8Array() });
  if (!actor) throw new ConfabApiError(twilioError(401, ErrorCodes.unauthenticated, "Authenticate"));
  return actor;
}

async function uploadMedia(app: RestApp, req: IncomingMessage, res: ServerResponse, serviceSid: string, url: URL): Promise<void> {
  const params: Record<string, unknown> = {
    ChatServiceSid: serviceSid,
    ...(url.searchParams.has("Filename") ? { Filename: url.searchParams.get("Filename") } : {}),
  };
  checkParams("CreateMedia", params);
  const actor = await requireActor(app, req);
  const service = await resolveService(app.core, actor, serviceSid);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > app.core.limits.mediaBytes)
    throw fail.tooLarge(`The media is larger than the limit of ${app.core.limits.mediaBytes} bytes`);
  const type = req.headers["content-type"] ?? "application/octet-stream";
  const file = type.toLowerCase().startsWith("multipart/form-data")
    ? await firstFilePart(req)
    : { content: req as Readable, contentType: type, filename: null };
  const media = await storeMedia(app.core, actor, service, { ...file, filename: (params.Filename as string | undefined) ?? file.filename });
  const body = renderMedia(media, app.publicUrl, await app.signingSecret(service.accountSid), app.core.now());
  res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

/** The first file of a multipart body, as a stream; the other parts are drained. */
function firstFilePart(req: IncomingMessage): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let found = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1 } });
    } catch {
      reject(fail.invalid("The multipart body is malformed"));
      return;
    }
    parser.on("file", (_field, stream, info) => {
      if (found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ content: stream, contentType: info.mimeType || "application/octet-stream", filename: info.filename || null });
    });
    parser.on("error", () => reject(fail.invalid("The multipart body is malformed")));
    parser.on("close", () => {
      if (!found) reject(fail.invalid("The multipart body has no file part"));
    });
    req.pipe(parser);
  });
}

async function downloadMedia(
  app: RestApp,
  req: IncomingMessage,
  res: ServerResponse,
  serviceSid: string,
  mediaSid: string,
  url: URL,
): Promise<void> {
  const params: Record<string, unknown> = { ChatServiceSid: serviceSid, Sid: mediaSid };
  for (const name of ["Expires", "Signature"]) if (url.searchParams.has(name)) params[name] = url.searchParams.get(name);
  checkParams("FetchMediaContent", params);
  let media: Awaited<ReturnType<typeof mediaBySid>>;
  if (params.Signature !== undefined && params.Expires !== undefined) {
    media = await mediaBySid(app.core, serviceSid, mediaSid);
    const secret = await app.signingSecret(media.accountSid);
    if (!validTemporarySignature(secret, mediaSid, params.Expires as number, params.Signature as string, app.core.now())) {
      throw fail.forbidden("The temporary URL has expired or its signature is wrong");
    }
  } else {
    const actor = await requireActor(app, req);
    const service = await resolveService(app.core, actor, serviceSid);
    media = await findMedia(app.core, actor, service, mediaSid);
  }
  const stream = await app.core.media.read(media.sid);
  if (!stream) throw fail.notFound(`/Services/${serviceSid}/Media/${mediaSid}/Content`);
  res.writeHead(200, {
    "Content-Type": media.contentType,
    "Content-Length": String(media.size),
    "Cache-Control": "private, max-age=300",
    ...(media.filename ? { "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(media.filename)}` } : {}),
  });
  await pipeline(stream, res);
}
