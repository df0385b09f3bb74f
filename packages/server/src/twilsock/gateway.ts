import type { Router } from "@confab/protocol/server";
import { WebSocketServer } from "ws";
import type { Core } from "../core/context.js";
import type { RealtimeOptions } from "../realtime/options.js";
import type { RealtimeServer } from "../realtime/socket-server.js";
import { TwilsockSession } from "./session.js";

/** Where the official SDKs connect: `new Client(token, { Twilsock: { uri: "ws://host:port/v3/wsconnect" } })`. */
export const TWILSOCK_PATH = "/v3/wsconnect";

/** Largest frame a client may send: a tunnelled request with a message body and attributes. */
const MAX_FRAME_BYTES = 256 * 1024;

/** Serves the twilsock gateway on the realtime server's port, sharing its hub (and so the users' streams). */
export function attachTwilsock(
  realtime: RealtimeServer,
  core: Core,
  router: Router,
  options: RealtimeOptions,
  publicUrl: string,
): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  realtime.route(TWILSOCK_PATH, (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => new TwilsockSession(ws, core, router, realtime.hub, options, publicUrl)),
  );
  return () => wss.close();
}
