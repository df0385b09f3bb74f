import type { IncomingMessage, ServerResponse } from "node:http";
import { createRouter, ErrorCodes, type Router, type RouterRequest, toNodeListener, twilioError } from "@confab/protocol/server";
import { mintAccessToken } from "../auth/access-token.js";
import { authenticate } from "../auth/authenticate.js";
import type { Credentials } from "../bootstrap.js";
import type { Actor } from "../core/context.js";
import type { RestApp } from "./app.js";
import { allHandlers } from "./handlers/index.js";
import { serveDemo } from "./demo-static.js";
import { mediaCors } from "./media-cors.js";
import { serveMedia } from "./media-routes.js";
import { serveMediaSet } from "../twilsock/media-set.js";

export type RestServerOptions = {
  app: RestApp;
  credentials: Credentials;
  version: string;
  /** Serve `GET /token?identity=…` (development only: anyone who can reach it gets a token). */
  devTokens: boolean;
  /** Serve the web app's built files from this directory at `/` (development mode). */
  demoDir?: string | undefined;
  /** Check every answer against the spec (tests). */
  validateResponses?: boolean;
  onError?: (error: unknown) => void;
};

/**
 * Who made a request that did not come over HTTP: the native socket runs REST operations through
 * the same router with the session's already verified user, so nothing is re-parsed or forged.
 */
export const preAuthenticated = new WeakMap<RouterRequest, Actor>();

/** The generated router over the domain: what both HTTP and the native socket call. */
export function createApiRouter(options: Omit<RestServerOptions, "credentials" | "devTokens">): Router {
  const { app } = options;
  return createRouter({
    handlers: allHandlers(app, { version: options.version, startedAt: app.core.now() }),
    authenticate: async (request) => preAuthenticated.get(request) ?? authenticate(app.core, request),
    ...(options.validateResponses ? { validateResponses: true } : {}),
    onError: (error) => options.onError?.(error),
  });
}

/** The REST transport as a `node:http` listener: the router, media streaming, and in development the token endpoint and the web app. */
export function createRestListener(options: RestServerOptions & { router: Router }): (req: IncomingMessage, res: ServerResponse) => void {
  const api = toNodeListener(options.router);
  return (req, res) => {
    if (options.devTokens && req.method === "GET" && req.url?.startsWith("/token")) {
      devToken(options, req, res);
      return;
    }
    if (options.demoDir && serveDemo(options.demoDir, req, res)) return;
    if (mediaCors(req, res)) return;
    void serveMedia(options.app, req, res)
      .then(async (served) => served || (await serveMediaSet(options.app, req, res)))
      .then((served) => {
        if (!served) void api(req, res);
      })
      .catch((error) => {
        options.onError?.(error);
        if (!res.headersSent)
          res
            .writeHead(500, { "Content-Type": "application/json" })
            .end(JSON.stringify(twilioError(500, ErrorCodes.internal, "Internal server error")));
      });
  };
}

function devToken(options: RestServerOptions, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const identity = url.searchParams.get("identity");
  const ttl = Number(url.searchParams.get("ttl") ?? 3600);
  if (!identity || !Number.isInteger(ttl) || ttl < 60 || ttl > 86400) {
    const body = {
      code: 20001,
      message: "identity is required and ttl must be 60..86400 seconds",
      more_info: "https://www.twilio.com/docs/errors/20001",
      status: 400,
    };
    res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  const { credentials } = options;
  const token = mintAccessToken({
    accountSid: credentials.accountSid,
    apiKeySid: credentials.apiKeySid,
    apiKeySecret: credentials.apiKeySecret,
    identity,
    serviceSid: credentials.serviceSid,
    ttlSeconds: ttl,
    now: options.app.core.now(),
  });
  res
    .writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" })
    .end(JSON.stringify({ identity, token, ttl, chat_service_sid: credentials.serviceSid }));
}
