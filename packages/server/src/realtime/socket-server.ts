import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Router } from "@confab/protocol/server";
import { WebSocketServer } from "ws";
import type { Core } from "../core/context.js";
import { RealtimeHub } from "./hub.js";
import type { RealtimeOptions } from "./options.js";
import { Session } from "./session.js";

/** The path of the native socket (spec/asyncapi/realtime.yaml, channel `socket`). */
export const SOCKET_PATH = "/v1/socket";

/** Largest client frame accepted; a request carries at most a message body and attributes. */
const MAX_FRAME_BYTES = 256 * 1024;

export type RealtimeServer = { hub: RealtimeHub; close(): void };

/** Serves the native socket on an HTTP server's upgrade requests to /v1/socket. */
export function attachRealtime(server: Server, core: Core, router: Router, options: RealtimeOptions): RealtimeServer {
  const hub = new RealtimeHub(core, options);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? "").split("?")[0];
    if (path !== SOCKET_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => new Session(ws, core, router, hub, options));
  };
  server.on("upgrade", onUpgrade);
  return {
    hub,
    close() {
      server.off("upgrade", onUpgrade);
      hub.close();
      wss.close();
    },
  };
}
