import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCodes, twilioError } from "../rest/errors.js";
import type { Router, RouterRequest } from "./router.js";

/** Largest body the Node adapter reads before answering 413 (default 16 MiB, for media). */
const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

/** A `node:http` request listener that serves the router. */
export function toNodeListener(router: Router, options: { maxBodyBytes?: number } = {}) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBody) {
        const body = twilioError(413, ErrorCodes.invalidParameter, `The request body is larger than ${maxBody} bytes`);
        res.writeHead(413, { "Content-Type": "application/json", Connection: "close" }).end(JSON.stringify(body));
        req.destroy();
        return;
      }
      chunks.push(chunk as Uint8Array);
    }
    const headers: RouterRequest["headers"] = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const reply = await router.handle({ method: req.method ?? "GET", url: req.url ?? "/", headers, body: Buffer.concat(chunks) });
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };
}

/** A fetch-style handler (`Request` in, `Response` out) that serves the router. */
export function toFetchHandler(router: Router) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const headers: RouterRequest["headers"] = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = new Uint8Array(await request.arrayBuffer());
    const reply = await router.handle({ method: request.method, url: url.pathname + url.search, headers, body });
    return new Response((reply.body ?? null) as BodyInit | null, { status: reply.status, headers: reply.headers });
  };
}
